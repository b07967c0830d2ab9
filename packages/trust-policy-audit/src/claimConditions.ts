import type { ConditionClause, NormalizedStatement } from "@repo/iam-policy";
import { AIRPLANE_PROVIDER_HOST, AUDIENCE_CONDITION_KEY, SUBJECT_CONDITION_KEY } from "@repo/oidc-issuers";

export type Claim = "sub" | "aud";

export const CLAIM_KEYS: Record<Claim, string> = { sub: SUBJECT_CONDITION_KEY, aud: AUDIENCE_CONDITION_KEY };

/** A condition meant for one of the two claims IAM reads from Airplane's token. */
export interface ClaimClause {
  claim: Claim;
  /** As the policy writes it. */
  clause: ConditionClause;
  /** The same condition under the key IAM sets, to evaluate what it admits once its key is right. */
  canonical: ConditionClause;
  /** `case`: works, as IAM compares keys case-insensitively; `wrong`: IAM never sets this key for Airplane's tokens. */
  keyProblem?: "case" | "wrong";
}

export interface StatementConditions {
  claims: ClaimClause[];
  /** Conditions on another identity provider's keys, which Airplane's tokens never carry. */
  foreign: ConditionClause[];
  /** Conditions on a key of Airplane's provider that IAM never sets, such as a misspelled `api.airplane.dev:sbu`. */
  unknown: ConditionClause[];
}

const CLAIM_NAMES: Record<string, Claim> = { sub: "sub", subject: "sub", aud: "aud", audience: "aud" };

/**
 * Sorts a statement's conditions by the claim they are meant for, recognising the usual slips
 * (`airplane.dev:sub`, `https://api.airplane.dev:sub`, a key copied from GitHub's or Google's guide).
 * Conditions on `aws:`/`sts:` keys, and on the keys of other providers the statement also trusts,
 * are none of the audit's business.
 */
export function classifyConditions(
  statement: NormalizedStatement,
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
    if (trusted.includes(prefix)) continue;
    if (claim) {
      const canonicalKey = CLAIM_KEYS[claim];
      const keyProblem = key !== canonicalKey ? "wrong" : clause.key !== canonicalKey ? "case" : undefined;
      claims.push({
        claim,
        clause,
        canonical: { ...clause, key: canonicalKey },
        ...(keyProblem ? { keyProblem } : {}),
      });
    } else if (prefix === AIRPLANE_PROVIDER_HOST) {
      // For a generic OIDC provider IAM sets only <provider>:aud and <provider>:sub (amr is
      // Cognito's, oaud Google's): any other key of Airplane's provider is absent from every request.
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
