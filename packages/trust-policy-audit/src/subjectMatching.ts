import { evaluateCondition, type ConditionClause } from "@repo/iam-policy";

/**
 * Whether IAM lets a token with this sub through the condition (given under its canonical key).
 * A condition the evaluator cannot decide is taken to hold: it is none of sub's business.
 */
export function clauseAdmitsSubject(clause: ConditionClause, subject: string): boolean {
  try {
    return evaluateCondition(clause, { [clause.key]: subject });
  } catch {
    return true;
  }
}

/** Whether one value of a condition, on its own, admits the subject. */
export function valueAdmitsSubject(clause: ConditionClause, value: string, subject: string): boolean {
  return clauseAdmitsSubject({ ...clause, values: [value] }, subject);
}
