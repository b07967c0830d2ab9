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
  return findings;
}

function consequence(holdsWhenMissing: boolean): string {
  return holdsWhenMissing
    ? "always holds and restricts nothing"
    : "never holds: no Airplane task can assume the role through this statement";
}
