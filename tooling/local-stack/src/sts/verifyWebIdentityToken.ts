import { createLocalJWKSet, errors, type JSONWebKeySet, jwtVerify, type JWTPayload } from "jose";
import { ServiceError } from "../http/serviceError";
import { checkTokenTimes } from "./tokenRules";

export interface VerificationOptions {
  /** Where the provider's discovery document is served: `<base>/.well-known/openid-configuration`. */
  discoveryBaseUrl: string;
  now: Date;
  timeoutMs: number;
}

const IDP_UNREACHABLE =
  "The request could not be fulfilled because the identity provider (IDP) that was asked to verify the " +
  "incoming identity token could not be reached. This is often a transient error caused by network conditions.";
export const VERIFICATION_KEY_UNAVAILABLE =
  "Couldn't retrieve verification key from your identity provider,  please reference " +
  "AssumeRoleWithWebIdentity documentation for requirements";

async function fetchJson(url: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  } catch {
    throw new ServiceError("IDPCommunicationError", 400, IDP_UNREACHABLE);
  }
  if (!response.ok) throw new ServiceError("IDPCommunicationError", 400, IDP_UNREACHABLE);
  try {
    return await response.json();
  } catch {
    throw new ServiceError("IDPCommunicationError", 400, IDP_UNREACHABLE);
  }
}

async function fetchKeySet({ discoveryBaseUrl, timeoutMs }: VerificationOptions): Promise<JSONWebKeySet> {
  const discovery = await fetchJson(`${discoveryBaseUrl}/.well-known/openid-configuration`, timeoutMs);
  const jwksUri = (discovery as { jwks_uri?: unknown } | null)?.jwks_uri;
  if (typeof jwksUri !== "string") throw new ServiceError("InvalidIdentityToken", 400, VERIFICATION_KEY_UNAVAILABLE);
  const keySet = await fetchJson(jwksUri, timeoutMs);
  if (!Array.isArray((keySet as { keys?: unknown } | null)?.keys)) {
    throw new ServiceError("InvalidIdentityToken", 400, VERIFICATION_KEY_UNAVAILABLE);
  }
  return keySet as JSONWebKeySet;
}

/**
 * Verifies a web identity token's signature, expiry (required) and times (`checkTokenTimes`) as STS does: the provider's keys come from
 * its JWKS, found through its discovery document over HTTP, on every call (STS caches them; the
 * stand-in does not, so a fault injected on those documents takes effect at once). An unreachable
 * or failing provider is an `IDPCommunicationError`; a key the JWKS does not list is the
 * "Couldn't retrieve verification key" `InvalidIdentityToken`.
 */
export async function verifyWebIdentityToken(token: string, options: VerificationOptions): Promise<void> {
  const keySet = await fetchKeySet(options);
  let claims: JWTPayload;
  try {
    // A token without exp never expires; STS refuses it, jose alone would not.
    ({ payload: claims } = await jwtVerify(token, createLocalJWKSet(keySet), {
      currentDate: options.now,
      algorithms: ["RS256"],
      requiredClaims: ["exp"],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      const now = Math.floor(options.now.getTime() / 1000);
      throw new ServiceError(
        "ExpiredTokenException",
        400,
        `Token expired: current date/time ${now} must be before the expiration date/time ${String(error.payload.exp)}`,
      );
    }
    if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
      throw new ServiceError("InvalidIdentityToken", 400, VERIFICATION_KEY_UNAVAILABLE);
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      throw new ServiceError("InvalidIdentityToken", 400, "The web identity token's signature is invalid.");
    }
    if (error instanceof errors.JOSEError) {
      throw new ServiceError("InvalidIdentityToken", 400, `The web identity token is not valid: ${error.message}`);
    }
    throw error;
  }
  checkTokenTimes(claims, options.now);
}
