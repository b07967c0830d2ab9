import { GetBucketTaggingCommand, PutBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { idToken } from "airplane/auth";
import { describe, expect, it, vi } from "vitest";
import { assumeRole, DEMO_SUB, DEMO_TASK, expectNoSecrets, failureOf, stubAirplaneRun, useLocalStack } from "./helpers";

const stack = useLocalStack();

/** Values a client may send the stand-in that no log entry or error message may repeat. */
const CANARY = {
  airplaneToken: "CANARY-AIRPLANE-RUN-TOKEN-3e2d1c",
  tokenSignature: "CANARY-ID-TOKEN-SIGNATURE-4f1c2b",
  secretAccessKey: "CANARY/SECRET/ACCESS/KEY/9d8e7f0000000000",
  sessionToken: "CANARY-SESSION-TOKEN-6a5b4c",
};

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A JWT shaped like Airplane's, for the demo role, whose signature is a canary. */
function canaryToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: "https://api.airplane.dev",
    aud: "sts.amazonaws.com",
    sub: DEMO_SUB,
    iat: now,
    exp: now + 300,
  };
  return `${base64url({ alg: "RS256", kid: "canary" })}.${base64url(payload)}.${CANARY.tokenSignature}`;
}

describe("the request log", () => {
  it("never holds a secret, whether the stand-in issued it or a client sent it", async () => {
    stack().resetLog();
    const errors: unknown[] = [];

    // Secrets the stand-in issues: an AIRPLANE_TOKEN, an ID token, credentials.
    const { credentials, token, env } = await assumeRole(stack());
    const s3 = new S3Client({ credentials });
    await s3.send(
      new PutBucketTaggingCommand({ Bucket: "demo-bucket", Tagging: { TagSet: [{ Key: "k", Value: "v" }] } }),
    );

    // Secrets clients send, on the paths where a stand-in might echo them: refusals.
    vi.stubEnv("AIRPLANE_TOKEN", CANARY.airplaneToken);
    errors.push(await failureOf(idToken("sts.amazonaws.com")));
    const sts = new STSClient({});
    const assume = (WebIdentityToken: string, RoleSessionName = "canary") =>
      sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: env.AWS_ROLE_ARN, RoleSessionName, WebIdentityToken }));
    errors.push(await failureOf(assume(canaryToken())));
    errors.push(await failureOf(assume(`${canaryToken()}${"x".repeat(20000)}`)));
    errors.push(await failureOf(assume(canaryToken(), "bad session name")));
    errors.push(await failureOf(assume(CANARY.tokenSignature)));
    const forged = { ...credentials, secretAccessKey: CANARY.secretAccessKey };
    errors.push(
      await failureOf(
        new S3Client({ credentials: forged }).send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" })),
      ),
    );
    const wrongToken = { ...credentials, sessionToken: CANARY.sessionToken };
    errors.push(
      await failureOf(
        new S3Client({ credentials: wrongToken }).send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" })),
      ),
    );

    const log = stack().requests;
    expect(log.filter((entry) => entry.errorCode).map((entry) => entry.errorCode)).toEqual([
      "Unauthorized",
      "InvalidIdentityToken",
      "ValidationError",
      "ValidationError",
      "InvalidIdentityToken",
      "SignatureDoesNotMatch",
      "InvalidToken",
    ]);
    const secrets = [
      env.AIRPLANE_TOKEN ?? "",
      token,
      token.split(".")[2] ?? "",
      credentials.secretAccessKey,
      credentials.sessionToken,
      ...Object.values(CANARY),
    ];
    expectNoSecrets(secrets, JSON.stringify(log), log, ...errors);
  });

  it("lists every secret it issued, for tests that search outputs for them", async () => {
    const { credentials, token, env } = await assumeRole(stack());
    expect(stack().issuedSecrets()).toEqual(
      expect.arrayContaining([env.AIRPLANE_TOKEN, token, credentials.secretAccessKey, credentials.sessionToken]),
    );
  });

  it("records each request with its service, operation, outcome and caller", async () => {
    stack().resetLog();
    const { credentials } = await assumeRole(stack(), { taskSlug: DEMO_TASK }, { roleSessionName: "logged" });
    await new S3Client({ credentials }).send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" }));
    await failureOf(new S3Client({ credentials }).send(new GetBucketTaggingCommand({ Bucket: "missing-bucket" })));

    const [token, discovery, jwks, assume, get, missing] = stack().requests;
    expect(token).toMatchObject({ service: "airplane", operation: "GenerateIdToken", status: 200, sub: DEMO_SUB });
    expect([discovery?.operation, jwks?.operation]).toEqual(["GetOpenIdConfiguration", "GetJwks"]);
    expect(assume).toMatchObject({
      service: "sts",
      operation: "AssumeRoleWithWebIdentity",
      status: 200,
      roleSessionName: "logged",
      sub: DEMO_SUB,
    });
    expect(get).toEqual({
      service: "s3",
      operation: "GetBucketTagging",
      status: 200,
      accessKeyId: credentials.accessKeyId,
      roleSessionName: "logged",
      durationMs: expect.any(Number) as unknown,
      at: expect.any(Date) as unknown,
    });
    expect(missing).toMatchObject({ status: 404, errorCode: "NoSuchBucket", accessKeyId: credentials.accessKeyId });
  });

  it("counts requests by service and operation, and starts over on resetLog", async () => {
    stack().resetLog();
    stubAirplaneRun(stack(), { taskSlug: DEMO_TASK });
    await idToken("sts.amazonaws.com");
    await idToken("sts.amazonaws.com");
    await assumeRole(stack());

    expect(stack().count("airplane", "GenerateIdToken")).toBe(3);
    expect(stack().count("airplane")).toBe(5);
    expect(stack().count("sts", "AssumeRoleWithWebIdentity")).toBe(1);
    expect(stack().count("s3")).toBe(0);
    stack().resetLog();
    expect(stack().requests).toEqual([]);
    expect(stack().count("airplane")).toBe(0);
  });

  it("hands out a copy that later requests do not change", async () => {
    stack().resetLog();
    const before = stack().requests;
    await assumeRole(stack());
    expect(before).toEqual([]);
  });
});
