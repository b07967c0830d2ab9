import { parseConditionOperator } from "./conditionOperator";
import type {
  ConditionClause,
  NormalizedPolicy,
  NormalizedStatement,
  PatternList,
  PrincipalList,
} from "./normalizedPolicy";
import type { PrincipalType } from "./policyDocument";
import { PolicyParseError } from "./policyErrors";

const VERSIONS = ["2012-10-17", "2008-10-17"] as const;
// IAM reads a document without Version under the original grammar.
const DEFAULT_VERSION = "2008-10-17";
const DOCUMENT_ELEMENTS = ["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS = [
  "Sid",
  "Effect",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Principal",
  "NotPrincipal",
  "Condition",
];
const PRINCIPAL_TYPES: readonly PrincipalType[] = ["AWS", "Federated", "Service", "CanonicalUser"];
const ACTION_PATTERN = /^(\*|[a-z0-9-*?]+:.+)$/i;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks a policy document's structure as IAM does when it is created (elements, effects, action
 * and resource forms, operators; not IAM's size limits or every per-service rule) and returns it
 * in one uniform shape:
 * every `Statement`, `Action`, `Resource`, `Principal` and condition value as an array, condition
 * operators split into their parts, values as strings. Accepts the document as an object or as
 * JSON text. Throws `PolicyParseError` naming the offending element.
 */
export function normalizePolicy(input: unknown): NormalizedPolicy {
  const document = typeof input === "string" ? parseJson(input) : input;
  if (!isObject(document)) throw new PolicyParseError("", "A policy document must be a JSON object.");
  rejectUnknownElements(document, DOCUMENT_ELEMENTS, "");

  const version = document.Version ?? DEFAULT_VERSION;
  const knownVersion = VERSIONS.find((candidate) => candidate === version);
  if (!knownVersion) {
    throw new PolicyParseError("Version", `${JSON.stringify(version)} is not a policy version: use "2012-10-17".`);
  }
  if (document.Id !== undefined && typeof document.Id !== "string") {
    throw new PolicyParseError("Id", "Id must be a string.");
  }

  const rawStatements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  if (document.Statement === undefined || rawStatements.length === 0) {
    throw new PolicyParseError("Statement", "A policy needs at least one statement.");
  }
  return {
    version: knownVersion,
    ...(typeof document.Id === "string" ? { id: document.Id } : {}),
    statements: rawStatements.map((statement, index) => normalizeStatement(statement, index)),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyParseError("", `The policy is not valid JSON: ${(error as Error).message}`);
  }
}

function rejectUnknownElements(object: JsonObject, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new PolicyParseError(path, `Unknown element "${key}": expected one of ${allowed.join(", ")}.`);
    }
  }
}

function normalizeStatement(raw: unknown, index: number): NormalizedStatement {
  const path = `Statement[${index}]`;
  if (!isObject(raw)) throw new PolicyParseError(path, "A statement must be a JSON object.");
  rejectUnknownElements(raw, STATEMENT_ELEMENTS, path);

  if (raw.Effect !== "Allow" && raw.Effect !== "Deny") {
    throw new PolicyParseError(
      `${path}.Effect`,
      `Effect must be "Allow" or "Deny", not ${JSON.stringify(raw.Effect)}.`,
    );
  }
  if (raw.Sid !== undefined && typeof raw.Sid !== "string") {
    throw new PolicyParseError(`${path}.Sid`, "Sid must be a string.");
  }

  const action = patternList(raw, "Action", "NotAction", path);
  if (!action) throw new PolicyParseError(path, "A statement needs Action or NotAction.");
  for (const pattern of action.patterns) {
    if (!ACTION_PATTERN.test(pattern)) {
      throw new PolicyParseError(
        `${path}.${action.negated ? "NotAction" : "Action"}`,
        `"${pattern}" is not an action: write service:action (for example s3:GetBucketTagging) or "*".`,
      );
    }
  }

  const resource = patternList(raw, "Resource", "NotResource", path);
  for (const pattern of resource?.patterns ?? []) {
    if (pattern !== "*" && !pattern.startsWith("arn:")) {
      throw new PolicyParseError(
        `${path}.${resource?.negated ? "NotResource" : "Resource"}`,
        `"${pattern}" is not a resource: write an ARN (arn:aws:…) or "*".`,
      );
    }
  }

  const principal = principalList(raw, path);
  return {
    index,
    ...(typeof raw.Sid === "string" ? { sid: raw.Sid } : {}),
    effect: raw.Effect,
    action,
    ...(resource ? { resource } : {}),
    ...(principal ? { principal } : {}),
    conditions: conditionClauses(raw.Condition, `${path}.Condition`),
  };
}

function stringList(value: unknown, path: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PolicyParseError(path, "The list is empty.");
  for (const item of list) {
    if (typeof item !== "string" || item === "") {
      throw new PolicyParseError(path, `Expected a non-empty string or a list of them, found ${JSON.stringify(item)}.`);
    }
  }
  return list as string[];
}

function patternList(raw: JsonObject, positive: string, negative: string, path: string): PatternList | undefined {
  if (raw[positive] !== undefined && raw[negative] !== undefined) {
    throw new PolicyParseError(path, `A statement takes ${positive} or ${negative}, not both.`);
  }
  if (raw[positive] !== undefined)
    return { negated: false, patterns: stringList(raw[positive], `${path}.${positive}`) };
  if (raw[negative] !== undefined) return { negated: true, patterns: stringList(raw[negative], `${path}.${negative}`) };
  return undefined;
}

function principalList(raw: JsonObject, path: string): PrincipalList | undefined {
  if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) {
    throw new PolicyParseError(path, "A statement takes Principal or NotPrincipal, not both.");
  }
  const negated = raw.Principal === undefined;
  const element = negated ? raw.NotPrincipal : raw.Principal;
  if (element === undefined) return undefined;
  const elementPath = `${path}.${negated ? "NotPrincipal" : "Principal"}`;
  if (element === "*") return { negated, anyone: true, byType: {} };
  if (!isObject(element)) {
    throw new PolicyParseError(elementPath, 'A principal is "*" or an object such as { "Federated": "arn:…" }.');
  }
  const byType: PrincipalList["byType"] = {};
  for (const [type, value] of Object.entries(element)) {
    const principalType = PRINCIPAL_TYPES.find((candidate) => candidate === type);
    if (!principalType) {
      throw new PolicyParseError(elementPath, `"${type}" is not a principal type: use ${PRINCIPAL_TYPES.join(", ")}.`);
    }
    byType[principalType] = stringList(value, `${elementPath}.${type}`);
  }
  return { negated, anyone: false, byType };
}

function conditionClauses(condition: unknown, path: string): ConditionClause[] {
  if (condition === undefined) return [];
  if (!isObject(condition)) throw new PolicyParseError(path, "Condition must be an object of operators.");
  const clauses: ConditionClause[] = [];
  for (const [operatorName, keys] of Object.entries(condition)) {
    const operatorPath = `${path}.${operatorName}`;
    const operator = parseConditionOperator(operatorName, operatorPath);
    if (!isObject(keys) || Object.keys(keys).length === 0) {
      throw new PolicyParseError(operatorPath, "An operator takes an object of condition keys and values.");
    }
    for (const [key, rawValues] of Object.entries(keys)) {
      clauses.push({ operator, key, values: conditionValues(rawValues, `${operatorPath}.${key}`) });
    }
  }
  return clauses;
}

function conditionValues(raw: unknown, path: string): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new PolicyParseError(path, "A condition key needs at least one value.");
  return list.map((value) => {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
    throw new PolicyParseError(
      path,
      `Condition values are strings, numbers or booleans, found ${JSON.stringify(value)}.`,
    );
  });
}
