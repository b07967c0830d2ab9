import type { PolicyDocument, PolicyStatement, PrincipalElement } from "@repo/iam-policy";
import type { PolicyModel, StatementModel } from "./iamModel";

/**
 * A policy of the model as the JSON IAM stores, which is the JSON the AWS provider renders from
 * its `aws_iam_policy_document` (internal/service/iam/policy_model.go): Version 2012-10-17; a set
 * of one value as a string and larger sets sorted in reverse; principals merged by type and
 * conditions by operator then key, keys sorted. Comments are Terraform's alone.
 */
export function policyDocument(policy: PolicyModel): PolicyDocument {
  return { Version: "2012-10-17", Statement: policy.statements.map(statementJson) };
}

function statementJson(statement: StatementModel): PolicyStatement {
  const json: PolicyStatement = { ...(statement.sid ? { Sid: statement.sid } : {}), Effect: statement.effect };
  json.Action = oneOrReverseSorted(statement.actions);
  if (statement.resources) json.Resource = oneOrReverseSorted(statement.resources);
  if (statement.principals) {
    const byType: Record<string, string[]> = {};
    for (const { type, identifiers } of statement.principals) byType[type] = [...(byType[type] ?? []), ...identifiers];
    json.Principal = sortedKeys(mapValues(byType, oneOrReverseSorted)) as PrincipalElement;
  }
  if (statement.conditions) {
    const byOperator: Record<string, Record<string, string[]>> = {};
    for (const { test, variable, values } of statement.conditions) {
      const keys = (byOperator[test] ??= {});
      // Values keep their order: the provider does not sort them.
      keys[variable] = [...(keys[variable] ?? []), ...values];
    }
    json.Condition = sortedKeys(
      mapValues(byOperator, (keys) =>
        sortedKeys(mapValues(keys, (values) => (values.length === 1 ? values[0] : values))),
      ),
    ) as PolicyStatement["Condition"];
  }
  return json;
}

function oneOrReverseSorted(list: readonly string[]): string | string[] {
  const unique = [...new Set(list)];
  return unique.length === 1 ? (unique[0] as string) : unique.sort().reverse();
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

// Go's encoding/json writes map keys sorted; so does the provider's policy JSON.
function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
