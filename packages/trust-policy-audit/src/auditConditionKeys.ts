import { claimKey } from "./claimConditions";
import { conditionSnippet, sayList } from "./conditionText";
import { holdsWithoutKey } from "./holdsWithoutKey";
import type { Platform } from "./platforms";
import type { StatementUnderAudit } from "./statementUnderAudit";
import { statementFinding } from "./statementUnderAudit";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/** Condition keys: a wrong provider prefix never matches, a key's case does not matter to IAM. */
export function auditConditionKeys(target: StatementUnderAudit): TrustPolicyFinding[] {
  const findings: TrustPolicyFinding[] = [];
  const { platform } = target;
  const [subKey, audKey] = [platform.subKey, platform.audKey];
  for (const { claim, clause, keyProblem } of target.conditions.claims) {
    const key = claimKey(platform, claim);
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
            problem: `IAM never sets "${clause.key}" for ${platform.words.tokens} (their ${claim} claim is ${key}), so this condition ${consequence(platform, holdsWithoutKey(clause))}.`,
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
          problem: `"${clause.key}" is another identity provider's key that ${platform.words.tokens} never carry, so this condition ${consequence(platform, holdsWithoutKey(clause))}.`,
          fix: `Remove it, and restrict ${platform.words.tokens} with ${subKey} and ${audKey}.`,
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
          problem: `IAM never sets "${clause.key}": for ${platform.words.tokens} it sets only ${sayList([subKey, audKey, ...platform.otherKeys])}, so this condition ${consequence(platform, holdsWithoutKey(clause))}.`,
          fix: `Write the key of the claim meant: ${conditionSnippet(clause.operator.name, subKey, clause.values)} for the ${platform.words.run}'s subject, or ${audKey} for the audience.`,
        },
        clause,
      ),
    );
  }
  return findings;
}

/**
 * Whether a condition on a key IAM never sets for the platform's tokens keeps the statement from ever
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

function consequence(platform: Platform, holdsWhenMissing: boolean): string {
  return holdsWhenMissing
    ? "always holds and restricts nothing"
    : `never holds: no ${platform.name} ${platform.words.run} can assume the role through this statement`;
}
