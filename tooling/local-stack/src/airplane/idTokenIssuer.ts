import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { formatSubject } from "@repo/oidc-issuers";
import type { AirplaneRun } from "./airplaneRun";

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

export interface IssuedIdToken {
  token: string;
  sub: string;
}

/**
 * Airplane's OIDC provider: RS256 ID tokens with Airplane's claims, signed with a key generated at
 * start and published in the JWKS. Tokens for another issuer, or asked to be signed with an
 * unpublished key, get a second key that no JWKS lists.
 */
export class IdTokenIssuer {
  // Generated on first use: only tests of foreign tokens need it, and RSA key generation is slow.
  private unpublishedKey?: Promise<SigningKey>;

  private constructor(
    readonly issuer: string,
    private readonly key: SigningKey,
    private readonly defaultLifetimeSeconds: number,
  ) {}

  static async create(issuer: string, defaultLifetimeSeconds: number): Promise<IdTokenIssuer> {
    return new IdTokenIssuer(issuer, await newSigningKey(), defaultLifetimeSeconds);
  }

  /** The public keys, as served at the JWKS URI. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] };
  }

  /** Every token issued so far, so tests can prove none of them leaks into any output. */
  readonly issued: string[] = [];

  async issue(run: AirplaneRun, requestedAudience: string, now: Date): Promise<IssuedIdToken> {
    const overrides = run.idToken;
    const issuer = overrides.issuer ?? this.issuer;
    const published =
      overrides.signingKey === "issuer" || (issuer === this.issuer && overrides.signingKey !== "unpublished-key");
    const key = published ? this.key : await (this.unpublishedKey ??= newSigningKey());
    const lifetime = overrides.lifetimeSeconds ?? this.defaultLifetimeSeconds;
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const expiresAt = nowSeconds + lifetime;
    // An expired token (lifetime <= 0) says it was issued a minute before it expired.
    const issuedAt = Math.min(nowSeconds, expiresAt - 60);
    const sub = formatSubject({ team: run.teamId, env: run.envSlug, task: run.taskSlug });

    const jwt = new SignJWT({
      run_id: run.runId,
      ...(run.parentRunId ? { parent_run_id: run.parentRunId } : {}),
      task_id: run.taskId,
      task_slug: run.taskSlug,
      team_id: run.teamId,
      env_id: run.envId,
      env_slug: run.envSlug,
      runner_id: run.runnerId,
      runner_email: run.runnerEmail,
      requester_id: run.requesterId,
      requester_email: run.requesterEmail,
      trigger_id: run.triggerId,
    })
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: "JWT" })
      .setIssuer(issuer)
      .setAudience(overrides.audience ?? requestedAudience)
      .setSubject(sub)
      .setIssuedAt(issuedAt);
    const token = await (overrides.withoutExpiry ? jwt : jwt.setExpirationTime(expiresAt)).sign(key.privateKey);
    this.issued.push(token);
    return { token, sub };
  }
}
