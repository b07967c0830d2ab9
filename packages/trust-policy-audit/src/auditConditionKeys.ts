import { CLAIM_KEYS } from "./claimConditions";
import { conditionSnippet } from "./conditionText";
import { holdsWithoutKey } from "./holdsWithoutKey";
import type { StatementUnderAudit } from "./statementUnderAudit";
import { statementFinding } from "./statementUnderAudit";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/** Condition keys: a wrong provider prefix never matches, a key's case does not matter to IAM. */
export function auditConditionKeys(target: StatementUnderAudit): TrustPolicyFinding[] {
  const findings: TrustPolicyFinding[] = [];
  for (const { claim, clause, keyProblem } of target.conditions.claims) {
    const key = CLAIM_KEYS[claim];
    const fix = `Write the key as ${key}: ${conditionSnippet(clause.operator.name, key, clause.values)}.`;
    if (keyProblem === "case") {
      findings.push(
        statementFinding(
          "condition-key-case",
          target,
          {
            problem: `"${clause.key}" works, as IAM compares condition keys case-insensitively, but differs from the ${key} that IAM documents and people search for.`,
            fix,
          },
          clause,
        ),
      );
    } else if (keyProblem === "wrong") {
      findings.push(
        statementFinding(
          "condition-key-wrong",
          target,
          {
            problem: `IAM never sets "${clause.key}" for Airplane's tokens (their ${claim} claim is ${key}), so this condition ${consequence(holdsWithoutKey(clause))}.`,
            fix,
          },
          clause,
        ),
      );
    }
  }
  for (const clause of target.conditions.foreign) {
    findings.push(
      statementFinding(
        "condition-key-wrong",
        target,
        {
          problem: `"${clause.key}" is another identity provider's key that Airplane's tokens never carry, so this condition ${consequence(holdsWithoutKey(clause))}.`,
          fix: `Remove it, and restrict Airplane's tokens with ${CLAIM_KEYS.sub} and ${CLAIM_KEYS.aud}.`,
        },
        clause,
      ),
    );
  }
  for (const clause of target.conditions.unknown) {
    findings.push(
      statementFinding(
        "condition-key-wrong",
        target,
        {
          problem: `IAM never sets "${clause.key}": for Airplane's tokens it sets only ${CLAIM_KEYS.sub} and ${CLAIM_KEYS.aud}, so this condition ${consequence(holdsWithoutKey(clause))}.`,
          fix: `Write the key of the claim meant: ${conditionSnippet(clause.operator.name, CLAIM_KEYS.sub, clause.values)} for the task's subject, or ${CLAIM_KEYS.aud} for the audience.`,
        },
        clause,
      ),
    );
  }
  return findings;
}

/**
 * Whether a condition on a key IAM never sets for Airplane's tokens keeps the statement from ever
 * holding: then no token at all gets in through it, whatever its other conditions say.
 */
export function neverHolds({ conditions }: StatementUnderAudit): boolean {
  const absentKeys = [
    ...conditions.claims.filter((claim) => claim.keyProblem === "wrong").map((claim) => claim.clause),
    ...conditions.foreign,
    ...conditions.unknown,
  ];
  return absentKeys.some((clause) => !holdsWithoutKey(clause));
}

function consequence(holdsWhenMissing: boolean): string {
  return holdsWhenMissing
    ? "always holds and restricts nothing"
    : "never holds: no Airplane task can assume the role through this statement";
}
