import { GENERATED_MARKER, type GeneratedFile, GENERATOR } from "./generatedFile";
import { terraformGitignore, TERRAFORM_FILE, terraformSettings } from "./generateTerraform";
import { IamInputError } from "./iamInputError";
import {
  MAX_SESSION_SECONDS,
  type ModelBinding,
  permissionPolicyModel,
  type PolicyModel,
  type RoleModel,
  roleName,
  TERRAFORM_BINDING,
} from "./iamModel";
import type { PermissionStatement, TaskPermissions } from "./taskDescription";
import { roleBlocks } from "./terraformBlocks";
import { COMMENT, interpolate, type JsonObject, renderTerraformJson } from "./terraformJson";

export interface MemberRoleSettings {
  /** The 12-digit ID of the account the task roles live in (where `npm run iam` without --member-roles applies). */
  taskAccountId: string;
  /** When given, the member role also requires this `sts:ExternalId` (pass the same as `externalId`). */
  externalId?: string;
}

export const ACCOUNT_ID_PATTERN = "^[0-9]{12}$";
// AWS's own limits for ExternalId: 2 to 1224 characters of [\w+=,.@:\/-].
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
// Chaining sends the run's session tags (RunId, Task, ...): without sts:TagSession the member
// role refuses the whole AssumeRole, the most common chaining failure.
const CHAIN_ACTIONS = ["sts:AssumeRole", "sts:TagSession"];

export const memberFileName = (slug: string): string => `member-${slug}.tf.json`;
export const taskRoleArn = (accountId: string, slug: string): string =>
  `arn:aws:iam::${accountId}:role/${roleName(slug)}`;

/** The tasks that chain: step 2 of "More than one account" has them declare sts:AssumeRole. */
export function chainingTasks<T extends TaskPermissions>(tasks: readonly T[]): T[] {
  return tasks.filter((task) => task.statements.some((statement) => statement.actions.includes("sts:AssumeRole")));
}

/**
 * The member-account side of chaining, as Terraform JSON for one member account: for each task
 * that declares sts:AssumeRole, a role of the same name that only that task's role (in the task
 * account) may assume, with session tags, allowed what the task's aws-permissions.json lists but the
 * statements scoped to the task's own role (its sts:AssumeRole among them).
 */
export function generateMemberRoles(tasks: readonly TaskPermissions[], settings: MemberRoleSettings): GeneratedFile[] {
  const roles = memberRolesModel(tasks, settings, TERRAFORM_BINDING);
  const files: [string, JsonObject][] = [
    [TERRAFORM_FILE, terraformSettings({ region: false })],
    ...roles.map((role): [string, JsonObject] => [
      memberFileName(role.key),
      {
        [COMMENT]:
          `${GENERATED_MARKER} The member-account role of task ${role.key}: only the task's role ` +
          `${taskRoleArn(settings.taskAccountId, role.key)} may assume it, and it may do what its ` +
          'aws-permissions.json lists (but its "task-role" statements). Apply it in each member account.',
        ...roleBlocks(role),
        output: {
          [`${role.key}_member_role_arn`]: {
            description: `The roleArn the task ${role.key} passes to fromChainedRole for this account.`,
            value: interpolate(`aws_iam_role.${role.key}.arn`),
          },
        },
      },
    ]),
  ];
  return [...files.map(([name, content]) => ({ name, text: renderTerraformJson(content) })), terraformGitignore()];
}

/** The member roles as the model: the same in every member account, whatever its ID. */
export function memberRolesModel(
  tasks: readonly TaskPermissions[],
  settings: MemberRoleSettings,
  bind: ModelBinding,
): RoleModel[] {
  const problems: string[] = [];
  if (!new RegExp(ACCOUNT_ID_PATTERN).test(settings.taskAccountId)) {
    problems.push(`--task-account: "${settings.taskAccountId}" is not an AWS account ID: 12 digits.`);
  }
  if (settings.externalId !== undefined && !EXTERNAL_ID_PATTERN.test(settings.externalId)) {
    problems.push("--external-id: an external ID is 2 to 1224 letters, digits or +=,.@:/-_ (as STS requires).");
  }
  const chaining = chainingTasks(tasks).sort((a, b) => (a.slug < b.slug ? -1 : 1));
  for (const task of chaining.filter((candidate) => memberStatements(candidate).length === 0)) {
    problems.push(
      `${task.permissionsFile}: every statement has "scope": "task-role", so the member role of ${task.slug} ` +
        "could do nothing: list what the task does in the member accounts without a scope.",
    );
  }
  if (chaining.length === 0) {
    problems.push(
      'No task declares sts:AssumeRole: add the "Chain into the member accounts\' roles" statement to the ' +
        "aws-permissions.json of each task that chains (packages/aws-auth/README.md, More than one account, step 1).",
    );
  }
  if (problems.length > 0) throw new IamInputError(problems.join("\n"));
  return chaining.map((task) => {
    const taskRole = taskRoleArn(settings.taskAccountId, task.slug);
    return {
      key: task.slug,
      name: roleName(task.slug),
      description: `Assumed by the task ${task.slug} from its role ${taskRole}. Generated by npm run iam.`,
      comment: "STS caps a chained session at an hour whatever the role allows.",
      maxSessionDurationSeconds: MAX_SESSION_SECONDS,
      tags: { "airplane-task": task.slug, "generated-by": GENERATOR },
      trustPolicy: memberTrustPolicy(taskRole, settings.externalId, bind),
      permissionPolicy: permissionPolicyModel(memberStatements(task), bind),
    };
  });
}

/** What the member role may do: the task's statements but those for its own role alone (chaining, the Organization). */
function memberStatements(task: TaskPermissions): PermissionStatement[] {
  return task.statements.filter((statement) => statement.scope !== "task-role");
}

/** Exactly the task's role ARN (not its account root), with sts:TagSession for the run's session tags. */
function memberTrustPolicy(taskRole: string, externalId: string | undefined, bind: ModelBinding): PolicyModel {
  return {
    comment: "Who may assume the role: the task's own role, and no other principal of its account.",
    statements: [
      {
        sid: "AirplaneTaskRole",
        effect: "Allow",
        actions: CHAIN_ACTIONS,
        principals: [{ type: "AWS", identifiers: [taskRole] }],
        ...(externalId === undefined
          ? {}
          : { conditions: [{ test: "StringEquals", variable: "sts:ExternalId", values: [bind.literal(externalId)] }] }),
      },
    ],
  };
}
