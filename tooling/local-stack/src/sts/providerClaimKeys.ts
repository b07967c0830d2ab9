import type { RequestContext } from "@repo/iam-policy";
import { GITHUB_CLAIM_KEYS, GITHUB_PROVIDER_HOST } from "@repo/oidc-issuers";
import type { JWTPayload } from "jose";
import type { ResolvedOidcProvider } from "../config/resolvedConfig";

/**
 * The claims STS turns into condition keys of their own for a few providers, beside `aud`, `sub`
 * and `amr` (AWS, January 2026: "AWS STS supports validation of identity provider claims"). They
 * are evaluated in the trust policy at AssumeRoleWithWebIdentity, and are not in the session.
 */
const PROVIDER_CLAIM_KEYS: Record<string, readonly string[]> = {
  [GITHUB_PROVIDER_HOST]: GITHUB_CLAIM_KEYS,
};

/** `<provider>:<claim>` for each such claim the token carries. */
export function providerClaimContext(provider: ResolvedOidcProvider, claims: JWTPayload): RequestContext {
  const keys = PROVIDER_CLAIM_KEYS[provider.identifier] ?? [];
  return Object.fromEntries(
    keys.flatMap((claim) => {
      const value = claims[claim];
      return typeof value === "string" ? [[`${provider.identifier}:${claim}`, value]] : [];
    }),
  );
}
