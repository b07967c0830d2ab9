/** The claims a trust policy is matched against: enough to explain a refusal, never the token. */
export interface IdTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  exp?: number;
}

/**
 * Reads the claims without verifying the signature: they are only shown to a person to explain
 * why AWS refused the token, and AWS (not this code) is the one that verifies it.
 */
export async function readIdTokenClaims(token: string): Promise<IdTokenClaims | undefined> {
  try {
    // jose is ESM-only and needed only on this error path, so it is loaded here, not at start-up.
    const { decodeJwt } = await import("jose");
    const payload = decodeJwt(token);
    return {
      iss: String(payload.iss ?? "(none)"),
      aud: Array.isArray(payload.aud) ? payload.aud.join(",") : String(payload.aud ?? "(none)"),
      sub: String(payload.sub ?? "(none)"),
      ...(typeof payload.exp === "number" ? { exp: payload.exp } : {}),
    };
  } catch {
    return undefined;
  }
}

export function describeClaims(claims: IdTokenClaims | undefined): string {
  if (!claims) return "The ID token's claims could not be read.";
  return `The token has iss "${claims.iss}", aud "${claims.aud}", sub "${claims.sub}".`;
}
