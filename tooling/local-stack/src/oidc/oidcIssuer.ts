import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import type { IdTokenOverrides } from "./idTokenOverrides";

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

interface SigningKey {
  kid: string;
  privateKey: PrivateKey;
  publicJwk: JWK;
}

const ALGORITHM = "RS256";

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: ALGORITHM, use: "sig" } };
}

export interface TokenRequest {
  /** The issuer's own claims (run, task, repository…); `iss`, `sub`, `aud` and the times are set here. */
  claims: JWTPayload;
  subject: string;
  audience: string;
  now: Date;
  /** GitHub's `nbf` is five minutes before `iat`; Airplane's tokens have none. */
  notBeforeSeconds?: number;
  overrides: IdTokenOverrides;
}

/**
 * An OpenID Connect provider as STS sees one: RS256 ID tokens signed with a key of its own,
 * published in its JWKS. Tokens for another issuer, or asked to be signed with an unpublished key,
 * get a second key that no JWKS lists.
 */
export class OidcIssuer {
  // Both generated on first use: RSA key generation takes a tenth of a second, and most starts of
  // the stand-in use one issuer or none.
  private publishedKey?: Promise<SigningKey>;
  private unpublishedKey?: Promise<SigningKey>;

  /** Every token issued so far, so tests can prove none of them leaks into any output. */
  readonly issued: string[] = [];

  constructor(
    readonly issuer: string,
    private readonly defaultLifetimeSeconds: number,
  ) {}

  private key(): Promise<SigningKey> {
    return (this.publishedKey ??= newSigningKey());
  }

  /** The public keys, as served at the JWKS URI. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.key()).publicJwk] };
  }

  async sign({ claims, subject, audience, now, notBeforeSeconds, overrides }: TokenRequest): Promise<string> {
    const issuer = overrides.issuer ?? this.issuer;
    const published =
      overrides.signingKey === "issuer" || (issuer === this.issuer && overrides.signingKey !== "unpublished-key");
    const key = await (published ? this.key() : (this.unpublishedKey ??= newSigningKey()));
    const lifetime = overrides.lifetimeSeconds ?? this.defaultLifetimeSeconds;
    const nowSeconds = Math.floor(now.getTime() / 1000) + (overrides.issuedAtOffsetSeconds ?? 0);
    const expiresAt = nowSeconds + lifetime;
    // An expired token (lifetime <= 0) says it was issued a minute before it expired.
    const issuedAt = lifetime > 0 ? nowSeconds : expiresAt - 60;

    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: "JWT" })
      .setIssuer(issuer)
      .setAudience(overrides.audience ?? audience)
      .setSubject(subject);
    if (!overrides.withoutIssuedAt) jwt = jwt.setIssuedAt(issuedAt);
    if (notBeforeSeconds !== undefined) jwt = jwt.setNotBefore(issuedAt - notBeforeSeconds);
    if (!overrides.withoutExpiry) jwt = jwt.setExpirationTime(expiresAt);
    const token = await jwt.sign(key.privateKey);
    this.issued.push(token);
    return token;
  }
}
