import { hasWildcard } from "@repo/iam-policy";
import { claimKey, type ClaimClause } from "./claimConditions";
import { conditionSnippet, recommendedCondition } from "./conditionText";
import { isComparison, isNegated, isStringComparison } from "./operatorKinds";
import type { AuditSettings, StatementUnderAudit } from "./statementUnderAudit";
import { statementFinding } from "./statementUnderAudit";
import { suggestedSubjects } from "./suggestedSubjects";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/**
 * How each sub and aud condition compares: both claims are single strings, compared
 * case-sensitively, and present in every token, so the plain StringEquals is right and
 * anything that holds when the claim is missing, or compares otherwise, is a weakening or a slip.
 */
export function auditClaimOperators(target: StatementUnderAudit, settings: AuditSettings): TrustPolicyFinding[] {
  return target.conditions.claims.flatMap((claimClause) => clauseFindings(claimClause, target, settings));
}

function clauseFindings(
  claimClause: ClaimClause,
  target: StatementUnderAudit,
  settings: AuditSettings,
): TrustPolicyFinding[] {
  const { claim, clause } = claimClause;
  const { operator, values } = clause;
  const { platform } = target;
  const key = claimKey(platform, claim);
  const plain = (base = operator.base) => conditionSnippet(base, key, values);
  const findings: TrustPolicyFinding[] = [];
  const add = (code: Parameters<typeof statementFinding>[0], problem: string, fix: string, flagged = values) =>
    findings.push(statementFinding(code, target, { problem, fix }, clause, flagged));

  if (operator.setQualifier === "ForAllValues") {
    add(
      "condition-for-all-values",
      `${operator.name} holds when the token has no ${claim} claim at all (IAM checks every value of an empty set), and ${claim} is a single value, not a set.`,
      `Drop the qualifier: ${plain()}.`,
    );
  } else if (operator.setQualifier === "ForAnyValue") {
    add(
      "condition-for-any-value",
      `${operator.name} treats ${claim} as a set, but it is a single value: the qualifier adds nothing and misleads the reader.`,
      `Drop the qualifier: ${plain()}.`,
    );
  }
  if (operator.ifExists && !isNegated(operator)) {
    add(
      "condition-if-exists",
      `${operator.name} holds for any token without a ${claim} claim, so it restricts only the tokens that happen to carry one.`,
      `Drop IfExists: ${plain()}.`,
    );
  }
  if (!isComparison(operator)) return findings;

  if (!isStringComparison(operator)) {
    add(
      "condition-operator-unsuitable",
      `${operator.base} does not compare strings, and ${claim} is a plain string, so this condition does not do what it says.`,
      `Compare it as a string: ${plain("StringEquals")}.`,
    );
  } else if (operator.base === "StringLike" && !values.some((value) => hasWildcard(value))) {
    add(
      "string-like-without-wildcard",
      `StringLike with no * or ? compares exactly, as StringEquals does, but tells the reader a pattern was meant.`,
      `Say what it does: ${plain("StringEquals")}.`,
    );
  } else if (operator.base !== "StringLike") {
    const literalWildcards = values.filter((value) => hasWildcard(value));
    if (literalWildcards.length > 0) {
      add(
        "wildcard-in-string-equals",
        `${operator.base} compares literally, so no token's ${claim} equals ${literalWildcards.map((value) => JSON.stringify(value)).join(", ")} and that value admits nothing.`,
        claim === "sub"
          ? `Write full subjects, with no wildcard: ${recommendedCondition(platform, settings.audience, suggestedSubjects(platform, target, settings))}.`
          : `Write the audience itself: ${conditionSnippet("StringEquals", key, [settings.audience])}.`,
        literalWildcards,
      );
    }
    if (operator.base === "StringEqualsIgnoreCase") {
      add(
        "condition-ignore-case",
        platform.subjects.lowercase || claim === "aud"
          ? `IAM compares ${claim} case-sensitively and ${platform.name} writes it in lowercase, so ignoring case only admits spellings no token has.`
          : `IAM compares ${claim} case-sensitively and ${platform.name} writes each name in the case it was given, so ignoring case only admits spellings no token has.`,
        `Compare exactly: ${plain("StringEquals")}.`,
      );
    }
  }
  return findings;
}
