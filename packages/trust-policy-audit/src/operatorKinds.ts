import type { ConditionOperator } from "@repo/iam-policy";

// IAM's negated operators hold when no value matches, and when the key is missing.
const NEGATED = new Set([
  "StringNotEquals",
  "StringNotEqualsIgnoreCase",
  "StringNotLike",
  "ArnNotEquals",
  "ArnNotLike",
  "NumericNotEquals",
  "DateNotEquals",
  "NotIpAddress",
]);

/** The operators that compare a claim with strings, which is what sub and aud are. */
export const STRING_COMPARISONS: readonly string[] = ["StringEquals", "StringLike", "StringEqualsIgnoreCase"];

export function isNegated(operator: ConditionOperator): boolean {
  return NEGATED.has(operator.base);
}

/** Operators that admit only tokens whose claim matches (not negated, not the Null presence test). */
export function isComparison(operator: ConditionOperator): boolean {
  return !isNegated(operator) && operator.base !== "Null";
}

export function isStringComparison(operator: ConditionOperator): boolean {
  return STRING_COMPARISONS.includes(operator.base);
}
