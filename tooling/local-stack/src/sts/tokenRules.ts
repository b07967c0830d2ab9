import type { JWTPayload } from "jose";
import { ServiceError } from "../http/serviceError";

// What STS is made to refuse here where AWS documents nothing: what no real issuer sends (see the
// README, "What it checks of a web identity token", for each decision and its reason).

/** Clock skew allowed on `iat`; Airplane and GitHub stamp it with their own current time. */
export const MAX_ISSUED_AT_SKEW_SECONDS = 300;
/** The longest-lived tokens made for STS, Kubernetes service-account tokens as EKS projects them, last 24 hours. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

const notWellFormed = (why: string) =>
  new ServiceError("InvalidIdentityToken", 400, `The web identity token is not a well-formed JWT: ${why}.`);

/**
 * A JWS compact serialization is three base64url parts, "with all trailing '=' characters omitted"
 * and "without the inclusion of any line breaks, whitespace, or other additional characters"
 * (RFC 7515, section 2). jose's decoder forgives both, so the form is checked first.
 */
export function checkCompactForm(token: string): void {
  if (/\s/.test(token)) {
    throw notWellFormed(
      "it contains white space or a line break (a token read from a file keeps its last newline: trim it)",
    );
  }
  if (token.includes("=")) throw notWellFormed("it has base64 padding ('='), which a JWT's base64url parts never have");
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) throw notWellFormed("a JWT is three base64url parts joined by dots");
}

/**
 * One audience: OpenID Connect says a token listing audiences the relying party does not trust must
 * be refused, and a token meant for several parties could be replayed by any of them. Airplane and
 * GitHub put exactly the audience asked for.
 */
export function singleAudience(audiences: readonly string[]): void {
  if (audiences.length > 1) {
    throw new ServiceError(
      "InvalidIdentityToken",
      400,
      `Incorrect token audience: the token names ${audiences.length} audiences, and STS takes one, a client ID of the provider.`,
    );
  }
}

/** `iat` present (OpenID Connect requires it in an ID token), not in the future, and a lifetime no real issuer exceeds. */
export function checkTokenTimes(claims: JWTPayload, now: Date): void {
  const { iat, exp } = claims;
  if (typeof iat !== "number") {
    throw new ServiceError(
      "InvalidIdentityToken",
      400,
      "The web identity token has no iat (issued at) claim, which OpenID Connect requires in every ID token.",
    );
  }
  const ahead = iat - Math.floor(now.getTime() / 1000);
  if (ahead > MAX_ISSUED_AT_SKEW_SECONDS) {
    throw new ServiceError(
      "InvalidIdentityToken",
      400,
      `The web identity token was issued in the future: its iat is ${ahead} seconds ahead of STS's clock.`,
    );
  }
  if (typeof exp === "number" && exp - iat > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new ServiceError(
      "InvalidIdentityToken",
      400,
      `The web identity token's lifetime (exp - iat) is ${exp - iat} seconds, over the ${MAX_TOKEN_LIFETIME_SECONDS} STS accepts.`,
    );
  }
}
