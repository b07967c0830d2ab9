import {
  hasWildcard,
  matchAction,
  matchArn,
  matchWildcard,
  type NormalizedStatement,
  type PatternList,
  type PrincipalType,
} from "@repo/iam-policy";
import { WEB_IDENTITY_ACTION } from "@repo/oidc-issuers";
import type { Platform } from "./platforms";

/** How an Allow statement lets a platform's tokens in, principal by principal. */
export interface PlatformTrust {
  /** `"Principal": "*"`, `{ "AWS": "*" }`, or a NotPrincipal that does not exclude the provider. */
  anyone: boolean;
  /** Federated values that are the provider's ARN. */
  providerArns: string[];
  /** Federated values with a wildcard that takes in the provider. */
  wildcards: string[];
  /** Federated values that mention the provider but are not its ARN (IAM matches them to no token). */
  malformed: string[];
  /** The statement's other principals. */
  others: { type: PrincipalType; value: string }[];
}

/** The platform's trust of a statement, or undefined when it does not let the platform's tokens assume the role. */
export function platformTrust(statement: NormalizedStatement, platform: Platform): PlatformTrust | undefined {
  const principal = statement.principal;
  if (statement.effect !== "Allow" || !principal || !admitsWebIdentity(statement.action)) return undefined;
  const federated = principal.byType.Federated ?? [];
  const providerArns = federated.filter((value) => platform.providerArn.test(value));
  const wildcards = federated.filter((value) => hasWildcard(value) && wildcardTakesIn(value, platform.host));
  const malformed = federated.filter(
    (value) =>
      !hasWildcard(value) && !platform.providerArn.test(value) && value.toLowerCase().includes(platform.domain),
  );
  const namesProvider = providerArns.length + wildcards.length + malformed.length > 0;
  if (principal.negated) {
    // NotPrincipal under Allow trusts everyone it does not list (IAM's advice: never combine them).
    const excludesProvider = principal.anyone || namesProvider;
    return excludesProvider ? undefined : { anyone: true, providerArns: [], wildcards: [], malformed: [], others: [] };
  }
  const anyone = principal.anyone || (principal.byType.AWS ?? []).includes("*");
  if (!anyone && !namesProvider) return undefined;
  const providerValues = new Set([...providerArns, ...wildcards, ...malformed]);
  const others = (Object.entries(principal.byType) as [PrincipalType, string[]][]).flatMap(([type, values]) =>
    values.filter((value) => !providerValues.has(value)).map((value) => ({ type, value })),
  );
  return { anyone, providerArns, wildcards, malformed, others };
}

/** Whether the statement names the provider itself, rather than taking it in with everyone else. */
export function namesProvider(trust: PlatformTrust): boolean {
  return trust.providerArns.length + trust.malformed.length > 0;
}

export function admitsWebIdentity(action: PatternList): boolean {
  const listed = action.patterns.some((pattern) => matchAction(pattern, WEB_IDENTITY_ACTION));
  return action.negated ? !listed : listed;
}

// A pattern is tried against the provider ARN of its own partition and account, so that
// `arn:aws:iam::111122223333:oidc-provider/*` counts for account 111122223333.
function wildcardTakesIn(pattern: string, host: string): boolean {
  if (matchWildcard(pattern, host, { ignoreCase: true })) return true;
  const [, partition = "", , , account = ""] = pattern.split(":");
  const arn =
    `arn:${/^aws(-[a-z]+)*$/.test(partition) ? partition : "aws"}:iam::` +
    `${/^\d{12}$/.test(account) ? account : "123456789012"}:oidc-provider/${host}`;
  return matchArn(pattern, arn);
}
