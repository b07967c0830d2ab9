import { GetBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { idToken } from "airplane/auth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Credentials, DEMO_TASK, expectLifetime, stubAirplaneRun, useLocalStack } from "./helpers";

// The SDK renews credentials five minutes before they expire: 302 seconds leaves two.
const LIFETIME_SECONDS = 302;
const stack = useLocalStack({ credentialLifetimeSeconds: LIFETIME_SECONDS });

afterEach(() => {
  vi.useRealTimers();
});

/** A credential provider as task code writes one: Airplane's token exchanged at STS on each call. */
function webIdentityProvider(roleArn: string) {
  const sts = new STSClient({});
  return async (): Promise<Credentials> => {
    const response = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: "refresh-test",
        WebIdentityToken: await idToken("sts.amazonaws.com"),
      }),
    );
    const issued = response.Credentials;
    return {
      accessKeyId: issued?.AccessKeyId ?? "",
      secretAccessKey: issued?.SecretAccessKey ?? "",
      sessionToken: issued?.SessionToken ?? "",
      ...(issued?.Expiration ? { expiration: issued.Expiration } : {}),
    };
  };
}

describe("credentialLifetimeSeconds", () => {
  it("makes the credentials expire sooner than DurationSeconds", async () => {
    const env = stubAirplaneRun(stack(), { taskSlug: DEMO_TASK });
    const before = Date.now();
    const credentials = await webIdentityProvider(env.AWS_ROLE_ARN ?? "")();
    expectLifetime(credentials.expiration, LIFETIME_SECONDS, before, Date.now());
  });

  it("lets the SDK's own refresh be seen: the client renews the credentials once near expiry", async () => {
    // Only Date is faked, and the stand-in and the SDK read the same clock: moving it on two
    // seconds is, for both, two seconds passing.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const env = stubAirplaneRun(stack(), { taskSlug: DEMO_TASK });
    const s3 = new S3Client({ credentials: webIdentityProvider(env.AWS_ROLE_ARN ?? "") });
    stack().resetLog();

    await s3.send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" }));
    await s3.send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" }));
    expect(stack().count("sts", "AssumeRoleWithWebIdentity")).toBe(1);

    // Past the point where fewer than five minutes remain, the next call renews first.
    vi.setSystemTime(Date.now() + 2100);
    await s3.send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" }));
    expect(stack().count("sts", "AssumeRoleWithWebIdentity")).toBe(2);
    expect(stack().count("airplane", "GenerateIdToken")).toBe(2);
    const keys = stack()
      .requests.filter((entry) => entry.service === "s3")
      .map((entry) => entry.accessKeyId);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[1]);
  });
});
