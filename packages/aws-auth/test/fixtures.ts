import { inspect } from "node:util";
import { expect } from "vitest";

/** Values no output may ever contain; each test run's secrets are these canaries. */
export const CANARY = {
  tokenSignature: "CANARY-ID-TOKEN-SIGNATURE-4f1c2b",
  secretAccessKey: "CANARY/SECRET/ACCESS/KEY/9d8e7f",
  sessionToken: "CANARY-SESSION-TOKEN-6a5b4c",
  airplaneToken: "CANARY-AIRPLANE-RUN-TOKEN-3e2d1c",
  githubRequestToken: "CANARY-ACTIONS-ID-TOKEN-REQUEST-TOKEN-8b7a6f",
};

export const ROLE_ARN = "arn:aws:iam::123456789012:role/add_s3_bucket_tag";
export const TEAM_SUB = "team:tea20010101aaaaaaaaaa:env:prod:task:add_s3_bucket_tag";

/**
 * A JWT shaped like Airplane's; its signature is a canary, so the whole token is traceable. Its
 * times are fixed, so two calls give the same token: only the STS stand-in checks expiry.
 */
export function idToken(claims: Record<string, unknown> = {}, signature = CANARY.tokenSignature): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const payload = {
    iss: "https://api.airplane.dev",
    aud: "sts.amazonaws.com",
    sub: TEAM_SUB,
    iat: 1_795_600_000,
    exp: 1_795_600_300,
    run_id: "run20260101abcdefgh",
    ...claims,
  };
  return `${encode({ alg: "RS256", kid: "test" })}.${encode(payload)}.${signature}`;
}

export function stsCredentials(expiration: Date, suffix = "") {
  return {
    Credentials: {
      AccessKeyId: `ASIATESTKEY${suffix}`,
      SecretAccessKey: `${CANARY.secretAccessKey}${suffix}`,
      SessionToken: `${CANARY.sessionToken}${suffix}`,
      Expiration: expiration,
    },
    AssumedRoleUser: {
      Arn: "arn:aws:sts::123456789012:assumed-role/add_s3_bucket_tag/run20260101abcdefgh",
      AssumedRoleId: "AROATEST:run20260101abcdefgh",
    },
  };
}

/**
 * Asserts that neither the error's message, nor anything `console.error(error)` would print, leaks
 * a canary or one of `secrets` (tokens a test issued).
 */
export function expectNoSecrets(value: unknown, secrets: readonly string[] = []): void {
  const rendered = [
    value instanceof Error ? value.message : "",
    inspect(value, { depth: 10, showHidden: false }),
    typeof value === "string" ? value : "",
  ].join("\n");
  for (const secret of [...Object.values(CANARY), ...secrets]) expect(rendered).not.toContain(secret);
}
