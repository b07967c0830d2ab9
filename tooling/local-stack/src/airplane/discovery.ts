import type { ServiceResponse } from "../http/serviceTypes";
import type { IdTokenIssuer } from "./idTokenIssuer";

export const DISCOVERY_PATH = "/.well-known/openid-configuration";
export const JWKS_PATH = "/.well-known/jwks";

function json(document: object): ServiceResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(document) };
}

/**
 * The OpenID Connect discovery document. `issuer` is the tokens' issuer (Airplane's URL by
 * default), while `jwks_uri` points at this server: the stand-in plays the issuer's host.
 */
export function openIdConfiguration(issuer: IdTokenIssuer, baseUrl: string): ServiceResponse {
  return json({
    issuer: issuer.issuer,
    jwks_uri: `${baseUrl}${JWKS_PATH}`,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    claims_supported: [
      "iss",
      "aud",
      "sub",
      "iat",
      "exp",
      "run_id",
      "parent_run_id",
      "task_id",
      "task_slug",
      "team_id",
      "env_id",
      "env_slug",
      "runner_id",
      "runner_email",
      "requester_id",
      "requester_email",
      "trigger_id",
    ],
  });
}

export function jwks(issuer: IdTokenIssuer): ServiceResponse {
  return json(issuer.jwks());
}
