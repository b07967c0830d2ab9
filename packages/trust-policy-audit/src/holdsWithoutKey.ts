import { evaluateCondition, type ConditionClause } from "@repo/iam-policy";

/**
 * Whether a condition holds for a request that lacks its key, as IAM decides it: true for the
 * negated operators, `…IfExists` and `ForAllValues:`, false otherwise. Operators the evaluator
 * does not decide (Numeric, Date, IpAddress…) follow the same rule by their name.
 */
export function holdsWithoutKey(clause: ConditionClause): boolean {
  try {
    return evaluateCondition(clause, {});
  } catch {
    const { operator } = clause;
    return operator.ifExists || operator.setQualifier === "ForAllValues" || operator.base.includes("Not");
  }
}
