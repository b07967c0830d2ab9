import type { PrincipalList } from "./normalizedPolicy";
import type { PrincipalType } from "./policyDocument";

/** Who makes the request: for a web identity, `{ type: "Federated", id: <OIDC provider ARN> }`. */
export interface RequestPrincipal {
  type: PrincipalType;
  id: string;
}

/**
 * Whether a `Principal` (or `NotPrincipal`) element names the caller. Principals are compared
 * exactly: IAM allows no wildcard there except `"*"`, alone or as the value of a type. An account
 * given as `123456789012` or `arn:aws:iam::123456789012:root` is not expanded to the principals
 * of that account.
 */
export function matchPrincipal(list: PrincipalList, principal: RequestPrincipal | undefined): boolean {
  const named =
    list.anyone ||
    (principal !== undefined &&
      (list.byType[principal.type] ?? []).some((value) => value === "*" || value === principal.id));
  return list.negated ? !named : named;
}
