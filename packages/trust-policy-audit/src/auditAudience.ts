import { hasWildcard, matchWildcard } from "@repo/iam-policy";
import { conditionSnippet, quoteList } from "./conditionText";
import { isComparison, isNegated, isStringComparison } from "./operatorKinds";
import type { AuditSettings, StatementUnderAudit } from "./statementUnderAudit";
import { statementFinding } from "./statementUnderAudit";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/**
 * The aud conditions: tokens the platform mints for another audience (another service the tasks call)
 * must not open the role, so aud is pinned to the one audience the tasks ask for.
 */
export function auditAudience(target: StatementUnderAudit, settings: AuditSettings): TrustPolicyFinding[] {
  const { audience } = settings;
  const { platform } = target;
  const pin = conditionSnippet("StringEquals", platform.audKey, [audience]);
  const audClaims = target.conditions.claims.filter((claim) => claim.claim === "aud");
  const comparing = audClaims.filter((claim) => isComparison(claim.clause.operator));
  if (comparing.length === 0) {
    const negated = audClaims.find((claim) => isNegated(claim.clause.operator));
    if (negated) {
      const { clause } = negated;
      return [
        statementFinding(
          "aud-negated-only",
          target,
          {
            problem: `${clause.operator.name} admits every audience except ${quoteList(clause.values)}, so a token ${platform.name} minted for any other service opens the role.`,
            fix: `Admit the one audience the tasks ask for: ${pin}.`,
          },
          clause,
        ),
      ];
    }
    return [
      statementFinding("aud-missing", target, {
        problem: `No condition restricts ${platform.audKey}, so a token ${platform.name} minted for another audience (another service) opens the role, as long as the IAM provider lists that audience.`,
        fix: `Add ${pin}, ${platform.words.audienceAsked}.`,
      }),
    ];
  }
  return comparing
    .filter((claim) => isStringComparison(claim.clause.operator))
    .flatMap(({ clause }) => {
      const { base } = clause.operator;
      const admits = (value: string) =>
        base === "StringLike"
          ? matchWildcard(value, audience)
          : base === "StringEqualsIgnoreCase"
            ? value.toLowerCase() === audience.toLowerCase()
            : value === audience;
      // A wildcard under StringEquals is literal and admits nothing: auditClaimOperators reports it.
      const admitsOther = (value: string) =>
        base === "StringLike" ? hasWildcard(value) || value !== audience : !hasWildcard(value) && !admits(value);
      const others = clause.values.filter(admitsOther);
      if (others.length === 0) return [];
      const admitsExpected = clause.values.some(admits);
      const caseSlip = others.some((value) => value.toLowerCase() === audience.toLowerCase());
      return [
        statementFinding(
          "aud-unexpected",
          target,
          {
            problem:
              `${platform.audKey} admits ${quoteList(others)}, not only "${audience}"` +
              (admitsExpected
                ? `: tokens ${platform.name} minted for another audience open the role.`
                : `: ${platform.words.runs} asking for "${audience}" are refused${caseSlip ? " (aud is compared case-sensitively)" : ""}, and tokens for that audience are let in.`),
            fix: `${pin}; if the tasks really ask for another audience, pass it as the expected audience (--audience).`,
          },
          clause,
          others,
        ),
      ];
    });
}
