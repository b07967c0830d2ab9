import type { ConditionClause, NormalizedStatement } from "@repo/iam-policy";
import type { Platform } from "./platforms";

export type Claim = "sub" | "aud";

export function claimKey(platform: Platform, claim: Claim): string {
  return claim === "sub" ? platform.subKey : platform.audKey;
}

/** A condition meant for one of the two claims every platform's token is judged by. */
export interface ClaimClause {
  claim: Claim;
  /** As the policy writes it. */
  clause: ConditionClause;
  /** The same condition under the key IAM sets, to evaluate what it admits once its key is right. */
  canonical: ConditionClause;
  /** `case`: works, as IAM compares keys case-insensitively; `wrong`: IAM never sets this key for the platform's tokens. */
  keyProblem?: "case" | "wrong";
}

export interface StatementConditions {
  claims: ClaimClause[];
  /** Conditions on another identity provider's keys, which the platform's tokens never carry. */
  foreign: ConditionClause[];
  /** Conditions on a key of the platform's provider that IAM never sets, such as a misspelled `api.airplane.dev:sbu`. */
  unknown: ConditionClause[];
}

const CLAIM_NAMES: Record<string, Claim> = { sub: "sub", subject: "sub", aud: "aud", audience: "aud" };

/**
 * Sorts a statement's conditions by the claim they are meant for, recognising the usual slips
 * (`airplane.dev:sub`, `https://api.airplane.dev:sub`, a key copied from another provider's guide).
 * Conditions on `aws:`/`sts:` keys, on the other keys IAM sets for the platform (GitHub's
 * repository_id...), and on the keys of other providers the statement also trusts, are none of
 * the audit's business.
 */
export function classifyConditions(
  statement: NormalizedStatement,
  platform: Platform,
  otherProviders: readonly string[],
): StatementConditions {
  const claims: ClaimClause[] = [];
  const foreign: ConditionClause[] = [];
  const unknown: ConditionClause[] = [];
  const trusted = otherProviders.map((provider) => provider.toLowerCase());
  for (const clause of statement.conditions) {
    // Not trimmed: IAM would not find a key written with spaces around it.
    const key = clause.key.toLowerCase();
    const separator = key.lastIndexOf(":");
    const prefix = key.slice(0, Math.max(separator, 0)).trim();
    const claim = CLAIM_NAMES[key.slice(separator + 1).trim()];
    if (trusted.includes(prefix) || platform.otherKeys.includes(key)) continue;
    if (claim) {
      const canonicalKey = claimKey(platform, claim);
      const keyProblem = key !== canonicalKey ? "wrong" : clause.key !== canonicalKey ? "case" : undefined;
      claims.push({
        claim,
        clause,
        canonical: { ...clause, key: canonicalKey },
        ...(keyProblem ? { keyProblem } : {}),
      });
    } else if (prefix === platform.host) {
      // For an OIDC provider IAM sets only <provider>:aud and <provider>:sub, and for GitHub's
      // the claim keys it evaluates since 2026: any other key is absent from every request.
      unknown.push(clause);
    } else if (prefix.includes(".")) {
      foreign.push(clause);
    }
  }
  return { claims, foreign, unknown };
}

/** The provider hosts a statement's other Federated principals name, whose keys are theirs to use. */
export function federatedHosts(federated: readonly string[]): string[] {
  return federated.map((value) => value.replace(/^arn:[^:]*:iam::[^:]*:oidc-provider\//, ""));
}
