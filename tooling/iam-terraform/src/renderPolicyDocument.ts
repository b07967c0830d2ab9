import type { ConditionBlock, PolicyDocument, PolicyStatement, PrincipalElement } from "@repo/iam-policy";
import { blockList, rejectUnknownArguments, TerraformConfigError } from "./readTerraformDir";
import type { JsonObject, JsonValue } from "./terraformJson";

/** Evaluates one argument of the data source (a template or a list of them). */
export type EvaluateArgument = (value: JsonValue) => unknown;

const DOCUMENT_ARGUMENTS = ["version", "policy_id", "statement"];
const STATEMENT_ARGUMENTS = [
  "sid",
  "effect",
  "actions",
  "not_actions",
  "resources",
  "not_resources",
  "principals",
  "not_principals",
  "condition",
];

/**
 * The policy JSON an `aws_iam_policy_document` data source produces, and so the document IAM
 * stores, following the AWS provider (internal/service/iam/policy_document_data_source.go and
 * policy_model.go): Version defaults to 2012-10-17, Effect to Allow; a set of one value becomes a
 * string and larger sets are sorted in reverse; principals are merged by type and conditions by
 * operator then key; `&{` (the provider's spelling of an IAM policy variable) becomes `${`.
 */
export function renderPolicyDocument(body: JsonObject, evaluate: EvaluateArgument, where: string): PolicyDocument {
  rejectUnknownArguments(body, DOCUMENT_ARGUMENTS, where);
  const text = (value: JsonValue | undefined, at: string) =>
    value === undefined ? undefined : string(evaluate(value), at);
  const version = text(body.version, `${where}.version`) ?? "2012-10-17";
  if (version !== "2012-10-17" && version !== "2008-10-17") {
    throw new TerraformConfigError(`${where}.version: "${version}" is not a policy version.`);
  }
  const id = text(body.policy_id, `${where}.policy_id`);
  const statements = blockList(body.statement, `${where}.statement`).map((statement, index) =>
    renderStatement(statement, evaluate, `${where}.statement[${index}]`),
  );
  return { Version: version, ...(id ? { Id: id } : {}), Statement: statements };
}

function renderStatement(body: JsonObject, evaluate: EvaluateArgument, where: string): PolicyStatement {
  rejectUnknownArguments(body, STATEMENT_ARGUMENTS, where);
  const strings = (key: string) => {
    const value = body[key];
    return value === undefined ? undefined : stringList(evaluate(value), `${where}.${key}`);
  };
  const sid = body.sid === undefined ? "" : string(evaluate(body.sid), `${where}.sid`);
  const effect = body.effect === undefined ? "Allow" : string(evaluate(body.effect), `${where}.effect`);
  if (effect !== "Allow" && effect !== "Deny") {
    throw new TerraformConfigError(`${where}.effect must be Allow or Deny, not "${effect}".`);
  }
  // The same element order as the provider's JSON, so the document reads as AWS shows it.
  const statement: PolicyStatement = { ...(sid ? { Sid: sid } : {}), Effect: effect };
  const action = oneOrReverseSorted(strings("actions"));
  const notAction = oneOrReverseSorted(strings("not_actions"));
  const resource = policyVariables(oneOrReverseSorted(strings("resources")));
  const notResource = policyVariables(oneOrReverseSorted(strings("not_resources")));
  const principal = principals(body.principals, evaluate, `${where}.principals`);
  const notPrincipal = principals(body.not_principals, evaluate, `${where}.not_principals`);
  const condition = conditions(body.condition, evaluate, `${where}.condition`);
  if (action) statement.Action = action;
  if (notAction) statement.NotAction = notAction;
  if (resource) statement.Resource = resource;
  if (notResource) statement.NotResource = notResource;
  if (principal) statement.Principal = principal;
  if (notPrincipal) statement.NotPrincipal = notPrincipal;
  if (condition) statement.Condition = condition;
  return statement;
}

function principals(value: JsonValue | undefined, evaluate: EvaluateArgument, where: string) {
  const blocks = blockList(value, where);
  if (blocks.length === 0) return undefined;
  const byType: Record<string, string | string[]> = {};
  for (const [index, block] of blocks.entries()) {
    rejectUnknownArguments(block, ["type", "identifiers"], `${where}[${index}]`);
    const type = string(evaluate(block.type ?? null), `${where}[${index}].type`);
    const identifiers = policyVariables(
      oneOrReverseSorted(stringList(evaluate(block.identifiers ?? null), `${where}[${index}].identifiers`)),
    );
    if (identifiers === undefined) continue;
    if (blocks.length === 1 && type === "*" && identifiers === "*") return "*" satisfies PrincipalElement;
    const existing = byType[type];
    byType[type] = existing === undefined ? identifiers : [existing, identifiers].flat();
  }
  return sortedKeys(byType) as PrincipalElement;
}

function conditions(value: JsonValue | undefined, evaluate: EvaluateArgument, where: string) {
  const blocks = blockList(value, where);
  if (blocks.length === 0) return undefined;
  const byOperator: Record<string, Record<string, string[]>> = {};
  for (const [index, block] of blocks.entries()) {
    const at = `${where}[${index}]`;
    rejectUnknownArguments(block, ["test", "variable", "values"], at);
    const operator = string(evaluate(block.test ?? null), `${at}.test`);
    const key = string(evaluate(block.variable ?? null), `${at}.variable`);
    const values = policyVariables(stringList(evaluate(block.values ?? null), `${at}.values`));
    const keys = (byOperator[operator] ??= {});
    // Values keep their order: the provider does not sort them.
    keys[key] = [...(keys[key] ?? []), ...values];
  }
  const flattened = Object.entries(byOperator).map(([operator, keys]) => [
    operator,
    sortedKeys(
      Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, values.length === 1 ? values[0] : values])),
    ),
  ]);
  return sortedKeys(Object.fromEntries(flattened) as Record<string, unknown>) as ConditionBlock;
}

function oneOrReverseSorted(list: string[] | undefined): string | string[] | undefined {
  if (list === undefined || list.length === 0) return undefined;
  const unique = [...new Set(list)];
  return unique.length === 1 ? unique[0] : unique.sort().reverse();
}

// The provider lets IAM policy variables be written &{aws:username}, out of Terraform's way, and
// turns them into ${aws:username} after sorting, as done here.
function policyVariables<T extends string | string[] | undefined>(value: T): T {
  if (value === undefined) return value;
  const replace = (text: string) => text.replaceAll("&{", () => "${");
  return (typeof value === "string" ? replace(value) : value.map(replace)) as T;
}

// Go's encoding/json writes map keys sorted; so does the provider's policy JSON.
function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function string(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new TerraformConfigError(`${where} must be a string, not ${JSON.stringify(value)}.`);
}

export function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) throw new TerraformConfigError(`${where} must be a list, not ${JSON.stringify(value)}.`);
  return value.map((item, index) => string(item, `${where}[${index}]`));
}
