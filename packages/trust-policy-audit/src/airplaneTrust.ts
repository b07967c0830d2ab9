import {
  hasWildcard,
  matchAction,
  matchArn,
  matchWildcard,
  type NormalizedStatement,
  type PatternList,
  type PrincipalType,
} from "@repo/iam-policy";
import { AIRPLANE_PROVIDER_HOST, AIRPLANE_PROVIDER_ARN, WEB_IDENTITY_ACTION } from "@repo/oidc-issuers";

/** How an Allow statement lets Airplane's tokens in, principal by principal. */
export interface AirplaneTrust {
  /** `"Principal": "*"`, `{ "AWS": "*" }`, or a NotPrincipal that does not exclude Airplane. */
  anyone: boolean;
  /** Federated values that are the provider's ARN. */
  providerArns: string[];
  /** Federated values with a wildcard that takes in Airplane's provider. */
  wildcards: string[];
  /** Federated values that mention airplane.dev but are not the provider's ARN (IAM matches them to no token). */
  malformed: string[];
  /** The statement's other principals. */
  others: { type: PrincipalType; value: string }[];
}

/** The Airplane trust of a statement, or undefined when it does not let Airplane's tokens assume the role. */
export function airplaneTrust(statement: NormalizedStatement): AirplaneTrust | undefined {
  const principal = statement.principal;
  if (statement.effect !== "Allow" || !principal || !admitsWebIdentity(statement.action)) return undefined;
  const federated = principal.byType.Federated ?? [];
  const providerArns = federated.filter((value) => AIRPLANE_PROVIDER_ARN.test(value));
  const wildcards = federated.filter((value) => hasWildcard(value) && wildcardTakesInAirplane(value));
  const malformed = federated.filter(
    (value) => !hasWildcard(value) && !AIRPLANE_PROVIDER_ARN.test(value) && mentionsAirplane(value),
  );
  const namesAirplane = providerArns.length + wildcards.length + malformed.length > 0;
  if (principal.negated) {
    // NotPrincipal under Allow trusts everyone it does not list (IAM's advice: never combine them).
    const excludesAirplane = principal.anyone || namesAirplane;
    return excludesAirplane ? undefined : { anyone: true, providerArns: [], wildcards: [], malformed: [], others: [] };
  }
  const anyone = principal.anyone || (principal.byType.AWS ?? []).includes("*");
  if (!anyone && !namesAirplane) return undefined;
  const airplaneValues = new Set([...providerArns, ...wildcards, ...malformed]);
  const others = (Object.entries(principal.byType) as [PrincipalType, string[]][]).flatMap(([type, values]) =>
    values.filter((value) => !airplaneValues.has(value)).map((value) => ({ type, value })),
  );
  return { anyone, providerArns, wildcards, malformed, others };
}

export function admitsWebIdentity(action: PatternList): boolean {
  const listed = action.patterns.some((pattern) => matchAction(pattern, WEB_IDENTITY_ACTION));
  return action.negated ? !listed : listed;
}

// Near misses too (`oidc-provider/airplane.dev`, `…/https://api.airplane.dev`): they were meant for Airplane.
function mentionsAirplane(value: string): boolean {
  return value.toLowerCase().includes("airplane.dev");
}

// A pattern is tried against the provider ARN of its own partition and account, so that
// `arn:aws:iam::111122223333:oidc-provider/*` counts for account 111122223333.
function wildcardTakesInAirplane(pattern: string): boolean {
  if (matchWildcard(pattern, AIRPLANE_PROVIDER_HOST, { ignoreCase: true })) return true;
  const [, partition = "", , , account = ""] = pattern.split(":");
  const arn =
    `arn:${/^aws(-[a-z]+)*$/.test(partition) ? partition : "aws"}:iam::` +
    `${/^\d{12}$/.test(account) ? account : "123456789012"}:oidc-provider/${AIRPLANE_PROVIDER_HOST}`;
  return matchArn(pattern, arn);
}
