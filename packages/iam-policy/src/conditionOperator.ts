import type { ConditionOperator, SetQualifier } from "./normalizedPolicy";
import { PolicyParseError } from "./policyErrors";

/** Every operator IAM accepts; `evaluateCondition.ts` says which of them this package evaluates. */
export const IAM_CONDITION_OPERATORS: readonly string[] = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
];

const SET_QUALIFIERS: readonly SetQualifier[] = ["ForAnyValue", "ForAllValues"];
const IF_EXISTS = "IfExists";

/**
 * Splits `ForAllValues:StringLikeIfExists` into its qualifier, base operator and `IfExists` flag.
 * Names are matched as IAM documents them, case included.
 */
export function parseConditionOperator(name: string, path = ""): ConditionOperator {
  const [qualifierPart, rest] = name.includes(":") ? name.split(/:(.*)/s, 2) : [undefined, name];
  let setQualifier: SetQualifier | undefined;
  if (qualifierPart !== undefined) {
    setQualifier = SET_QUALIFIERS.find((qualifier) => qualifier === qualifierPart);
    if (!setQualifier) {
      throw new PolicyParseError(path, `"${qualifierPart}" is not a set operator: use ForAnyValue or ForAllValues.`);
    }
  }
  const withoutQualifier = rest ?? "";
  const ifExists = withoutQualifier.endsWith(IF_EXISTS) && withoutQualifier !== IF_EXISTS;
  const base = ifExists ? withoutQualifier.slice(0, -IF_EXISTS.length) : withoutQualifier;
  if (!IAM_CONDITION_OPERATORS.includes(base)) {
    throw new PolicyParseError(path, `"${name}" is not an IAM condition operator.`);
  }
  if (base === "Null" && (ifExists || setQualifier)) {
    throw new PolicyParseError(path, `"${name}": Null takes neither IfExists nor a set operator.`);
  }
  return { name, base, ifExists, ...(setQualifier ? { setQualifier } : {}) };
}
