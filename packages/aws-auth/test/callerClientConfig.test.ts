import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CredentialCache } from "../src/credentialCache";
import { awsClientSettings, AwsAuthError, fromTaskRole, type TaskRoleOptions } from "../src/index";
import { fakeAws } from "./fakeAws";
import { expectNoSecrets, idToken, ROLE_ARN } from "./fixtures";

// Through the real SDK clients: only the transport is fake, so the SDK decides what the provider sees.
let init: TaskRoleOptions;
beforeEach(() => {
  init = { getIdToken: async () => idToken(), cache: new CredentialCache() };
  vi.stubEnv("AWS_ROLE_ARN", ROLE_ARN);
  vi.stubEnv("AWS_REGION", undefined);
  vi.stubEnv("AIRPLANE_RUN_ID", "run20261127abcdefgh");
  vi.stubEnv("AIRPLANE_TASK_SLUG", "add_s3_bucket_tag");
});
afterEach(() => vi.unstubAllEnvs());

describe("the calling client's settings", () => {
  it("calls STS in the caller's region, through its request handler, with the run ID in the user agent", async () => {
    const aws = fakeAws();
    const s3 = new S3Client({ region: "eu-west-1", credentials: fromTaskRole(init), requestHandler: aws.handler });

    await s3.send(new ListBucketsCommand({}));

    const [sts, list] = aws.seen;
    expect(sts?.hostname).toBe("sts.eu-west-1.amazonaws.com");
    expect(sts?.action).toBe("AssumeRoleWithWebIdentity");
    expect(sts?.headers["user-agent"]).toContain("airplane-run/run20261127abcdefgh");
    expect(list?.headers.authorization).toContain("Credential=ASIAFAKE1/");
  });

  it("logs STS calls to the caller's logger", async () => {
    const aws = fakeAws();
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const s3 = new S3Client({
      region: "eu-west-1",
      credentials: fromTaskRole(init),
      requestHandler: aws.handler,
      logger,
    });

    await s3.send(new ListBucketsCommand({}));

    const clients = logger.info.mock.calls.map(([entry]) => (entry as { clientName?: string }).clientName);
    expect(clients).toContain("STSClient");
    for (const call of logger.info.mock.calls) expectNoSecrets(JSON.stringify(call));
  });

  it("prefers an explicit region, then the caller's, then AWS_REGION", async () => {
    vi.stubEnv("AWS_REGION", "us-west-2");
    const aws = fakeAws();
    const sts = (credentials: ReturnType<typeof fromTaskRole>) =>
      new S3Client({ region: "eu-west-1", credentials, requestHandler: aws.handler }).send(new ListBucketsCommand({}));

    await sts(fromTaskRole({ ...init, region: "ap-south-1" }));
    await sts(fromTaskRole({ ...init, cache: new CredentialCache() }));
    await fromTaskRole({ ...init, cache: new CredentialCache(), clientConfig: { requestHandler: aws.handler } })();

    expect(aws.stsCalls().map((request) => request.hostname)).toEqual([
      "sts.ap-south-1.amazonaws.com",
      "sts.eu-west-1.amazonaws.com",
      "sts.us-west-2.amazonaws.com",
    ]);
  });
});

describe("one session per role per process", () => {
  it("makes exactly one more STS call on forceRefresh, and clients then sign with the new credentials", async () => {
    const aws = fakeAws();
    const s3 = new S3Client({ region: "eu-west-1", credentials: fromTaskRole(init), requestHandler: aws.handler });
    const other = new S3Client({
      region: "us-east-1",
      credentials: fromTaskRole(init),
      requestHandler: aws.handler,
    });

    await s3.send(new ListBucketsCommand({}));
    await other.send(new ListBucketsCommand({}));
    expect(aws.stsCalls()).toHaveLength(1);

    const refreshed = await s3.config.credentials({ forceRefresh: true });
    await other.send(new ListBucketsCommand({}));

    expect(aws.stsCalls()).toHaveLength(2);
    expect(refreshed.accessKeyId).toBe("ASIAFAKE2");
    expect(aws.seen.at(-1)?.headers.authorization).toContain("Credential=ASIAFAKE2/");
  });

  it("returns the account ID of the assumed role", async () => {
    const aws = fakeAws();
    const s3 = new S3Client({ region: "eu-west-1", credentials: fromTaskRole(init), requestHandler: aws.handler });
    expect((await s3.config.credentials()).accountId).toBe("123456789012");
  });
});

describe("a missing region", () => {
  it("is an error naming AWS_REGION, the local stand-in first, and the aws_region config var, from a task's client and from the provider", async () => {
    const aws = fakeAws();
    const s3 = new S3Client({
      ...awsClientSettings(),
      credentials: fromTaskRole(init),
      requestHandler: aws.handler,
    });

    for (const attempt of [s3.send(new ListBucketsCommand({})), fromTaskRole(init)()]) {
      const error = await attempt.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AwsAuthError);
      expect((error as AwsAuthError).message).toMatch(
        /AWS_REGION is not set .*\. To run the task on the local stand-in, which sets it: `npm run task -- --local add_s3_bucket_tag` .*"aws_region" config var/,
      );
    }
    expect(aws.seen).toHaveLength(0);
  });
});
