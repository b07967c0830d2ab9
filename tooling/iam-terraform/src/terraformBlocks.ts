import type { PolicyModel, RoleModel, StatementModel } from "./iamModel";
import { COMMENT, interpolate, type JsonObject } from "./terraformJson";

// Named after the file it comes from.
export const INLINE_POLICY_NAME = "aws-permissions";

/**
 * A role of the model as Terraform: its policies as `aws_iam_policy_document` data sources
 * (Terraform's idiomatic, diff-friendly way to write policies), the role, and its inline policy.
 */
export function roleBlocks(role: RoleModel): { data: JsonObject; resource: JsonObject } {
  const trust = `${role.key}_trust`;
  const permissions = `${role.key}_permissions`;
  return {
    data: {
      aws_iam_policy_document: {
        [trust]: policyDocumentBlock(role.trustPolicy),
        ...(role.permissionPolicy ? { [permissions]: policyDocumentBlock(role.permissionPolicy) } : {}),
      },
    },
    resource: {
      aws_iam_role: {
        [role.key]: {
          [COMMENT]: role.comment,
          name: role.name,
          description: role.description,
          assume_role_policy: interpolate(`data.aws_iam_policy_document.${trust}.json`),
          max_session_duration: role.maxSessionDurationSeconds,
          tags: role.tags,
        },
      },
      ...(role.permissionPolicy
        ? {
            aws_iam_role_policy: {
              [role.key]: {
                [COMMENT]: `Inline, so the permissions live and die with the role; named after ${INLINE_POLICY_NAME}.json.`,
                name: INLINE_POLICY_NAME,
                role: interpolate(`aws_iam_role.${role.key}.id`),
                policy: interpolate(`data.aws_iam_policy_document.${permissions}.json`),
              },
            },
          }
        : {}),
    },
  };
}

function policyDocumentBlock(policy: PolicyModel): JsonObject {
  return { [COMMENT]: policy.comment, statement: policy.statements.map(statementBlock) };
}

function statementBlock(statement: StatementModel): JsonObject {
  return {
    ...(statement.comment ? { [COMMENT]: statement.comment } : {}),
    sid: statement.sid,
    effect: statement.effect,
    actions: statement.actions,
    ...(statement.resources ? { resources: statement.resources } : {}),
    ...(statement.principals ? { principals: statement.principals.map((principal) => ({ ...principal })) } : {}),
    ...(statement.conditions
      ? {
          condition: statement.conditions.map(({ comment, test, variable, values }) => ({
            ...(comment ? { [COMMENT]: comment } : {}),
            test,
            variable,
            values,
          })),
        }
      : {}),
  };
}
