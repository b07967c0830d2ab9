import { jsonResponse } from "../http/jsonResponse";
import type { ServiceResponse } from "../http/serviceTypes";
import type { OidcIssuer } from "./oidcIssuer";

export const DISCOVERY_PATH = "/.well-known/openid-configuration";
export const JWKS_PATH = "/.well-known/jwks";

/**
 * The OpenID Connect discovery document. `issuer` is the tokens' issuer (Airplane's or GitHub's
 * URL), while `jwks_uri` points at this server: the stand-in plays the issuer's host.
 */
export function openIdConfiguration(
  issuer: OidcIssuer,
  baseUrl: string,
  claimsSupported: readonly string[],
): ServiceResponse {
  return jsonResponse(200, {
    issuer: issuer.issuer,
    jwks_uri: `${baseUrl}${JWKS_PATH}`,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    claims_supported: claimsSupported,
  });
}

export async function jwks(issuer: OidcIssuer): Promise<ServiceResponse> {
  return jsonResponse(200, await issuer.jwks());
}
