import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CredentialCache } from "../src/credentialCache";
import { AwsAuthError, fromChainedRole, fromTaskRole } from "../src/index";
import { fakeAws } from "./fakeAws";
import { expectNoSecrets, idToken, ROLE_ARN } from "./fixtures";

const MEMBER_ROLE = (account: string) => `arn:aws:iam::${account}:role/airplane-add_s3_bucket_tag`;
const MINUTE = 60 * 1000;

let cache: CredentialCache;
beforeEach(() => {
  cache = new CredentialCache();
  vi.stubEnv("AWS_ROLE_ARN", ROLE_ARN);
  vi.stubEnv("AWS_REGION", undefined);
  vi.stubEnv("AIRPLANE_RUN_ID", "run20261127abcdefgh");
  vi.stubEnv("AIRPLANE_TASK_SLUG", "add_s3_bucket_tag");
  vi.stubEnv("AIRPLANE_ENV_SLUG", "prod");
  vi.stubEnv("AIRPLANE_REQUESTER_EMAIL", "ana@example.com");
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** The task's role (first hop) and a chained role per account, all through one cache. */
function chain(options: { account?: string; externalId?: string; transitiveSessionTags?: boolean } = {}) {
  const source = fromTaskRole({ getIdToken: async () => idToken(), cache });
  const { account = "210987654321", ...rest } = options;
  return fromChainedRole({ roleArn: MEMBER_ROLE(account), source, cache, ...rest });
}

const params = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe("fromChainedRole", () => {
  it("assumes the member role with the task role's credentials, named and tagged after the run", async () => {
    const aws = fakeAws();
    const s3 = new S3Client({
      region: "eu-west-1",
      credentials: chain({ externalId: "ext-123" }),
      requestHandler: aws.handler,
    });

    await s3.send(new ListBucketsCommand({}));

    const [first, second, list] = aws.seen;
    expect(first?.action).toBe("AssumeRoleWithWebIdentity");
    expect(second?.action).toBe("AssumeRole");
    expect(second?.hostname).toBe("sts.eu-west-1.amazonaws.com");
    expect(second?.headers.authorization).toContain("Credential=ASIAFAKE1/");
    expect(second?.headers["user-agent"]).toContain("airplane-run/run20261127abcdefgh");
    expect(params(second?.body ?? "")).toMatchObject({
      RoleArn: MEMBER_ROLE("210987654321"),
      RoleSessionName: "run20261127abcdefgh.add_s3_bucket_tag",
      ExternalId: "ext-123",
      DurationSeconds: "3600",
      "Tags.member.1.Key": "Platform",
      "Tags.member.1.Value": "airplane",
      "Tags.member.2.Key": "RunId",
      "Tags.member.2.Value": "run20261127abcdefgh",
      "Tags.member.3.Key": "Task",
      "Tags.member.3.Value": "add_s3_bucket_tag",
      "Tags.member.4.Key": "Requester",
      "Tags.member.4.Value": "ana@example.com",
      "Tags.member.5.Key": "Env",
      "Tags.member.5.Value": "prod",
    });
    expect(params(second?.body ?? "")["TransitiveTagKeys.member.1"]).toBeUndefined();
    expect(list?.headers.authorization).toContain("Credential=ASIAFAKE2/");
    expect((await s3.config.credentials()).accountId).toBe("210987654321");
  });

  it("logs both hops to the caller's logger with no credentials in it", async () => {
    const aws = fakeAws();
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    await new S3Client({ region: "eu-west-1", credentials: chain(), requestHandler: aws.handler, logger }).send(
      new ListBucketsCommand({}),
    );

    const commands = logger.info.mock.calls.map(([entry]) => (entry as { commandName?: string }).commandName);
    expect(commands).toEqual(expect.arrayContaining(["AssumeRoleWithWebIdentityCommand", "AssumeRoleCommand"]));
    for (const level of Object.values(logger))
      for (const call of level.mock.calls) expectNoSecrets(JSON.stringify(call));
  });

  it("makes the tags transitive when asked", async () => {
    const aws = fakeAws();
    await new S3Client({
      region: "eu-west-1",
      credentials: chain({ transitiveSessionTags: true }),
      requestHandler: aws.handler,
    }).send(new ListBucketsCommand({}));
    expect(params(aws.stsCalls()[1]?.body ?? "")).toMatchObject({
      "TransitiveTagKeys.member.1": "Platform",
      "TransitiveTagKeys.member.5": "Env",
    });
  });

  it("serves three accounts with one web-identity exchange and one AssumeRole each, however many calls", async () => {
    const aws = fakeAws();
    const accounts = ["111111111111", "222222222222", "333333333333"];
    const clients = accounts.map(
      (account) => new S3Client({ region: "eu-west-1", credentials: chain({ account }), requestHandler: aws.handler }),
    );

    for (let round = 0; round < 3; round++) await Promise.all(clients.map((s3) => s3.send(new ListBucketsCommand({}))));

    expect(aws.stsCalls().map((request) => request.action)).toEqual([
      "AssumeRoleWithWebIdentity",
      "AssumeRole",
      "AssumeRole",
      "AssumeRole",
    ]);
  });

  it("renews the chained credentials five minutes before they expire", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-27T10:00:00Z") });
    const aws = fakeAws(15 * MINUTE);
    const s3 = new S3Client({ region: "eu-west-1", credentials: chain(), requestHandler: aws.handler });

    await s3.send(new ListBucketsCommand({}));
    vi.setSystemTime(new Date("2026-11-27T10:09:00Z"));
    await s3.send(new ListBucketsCommand({}));
    expect(aws.stsCalls()).toHaveLength(2);

    vi.setSystemTime(new Date("2026-11-27T10:10:30Z"));
    await s3.send(new ListBucketsCommand({}));

    expect(aws.stsCalls().map((request) => request.action)).toEqual([
      "AssumeRoleWithWebIdentity",
      "AssumeRole",
      "AssumeRoleWithWebIdentity",
      "AssumeRole",
    ]);
    expect(aws.seen.at(-1)?.headers.authorization).toContain("Credential=ASIAFAKE4/");
  });

  it("names both roles and sts:TagSession when the member role refuses", async () => {
    const aws = fakeAws(undefined, (action) =>
      action === "AssumeRole"
        ? `User: arn:aws:sts::123456789012:assumed-role/add_s3_bucket_tag/run is not authorized to perform: sts:TagSession on resource: ${MEMBER_ROLE("210987654321")}`
        : undefined,
    );
    const s3 = new S3Client({ region: "eu-west-1", credentials: chain(), requestHandler: aws.handler, maxAttempts: 1 });

    const error = await s3.send(new ListBucketsCommand({})).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AwsAuthError);
    expect((error as AwsAuthError).code).toBe("TrustPolicyRejected");
    expect((error as Error).message).toContain(
      `Role ${MEMBER_ROLE("210987654321")} refused to be assumed by role ${ROLE_ARN}`,
    );
    expect((error as Error).message).toMatch(/allows sts:AssumeRole but not sts:TagSession/);
    expectNoSecrets(error);
  });

  it.each([
    [{ roleArn: "member-role" }, /"member-role" is not an IAM role ARN/],
    [{ externalId: "x" }, /externalId .* must be 2 to 1224 characters/],
    [{ durationSeconds: 7200 }, /from 900 \(15 minutes\) to 3600 \(one hour\): STS caps role chaining/],
    [{ policy: "{not json" }, /session policy .* is not valid JSON/],
    [{ policy: { Version: "2012-10-17" } }, /needs a "Statement"/],
    [
      { policy: { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "x".repeat(2100) }] } },
      /characters as minified JSON; STS takes at most 2048/,
    ],
    [
      { policyArns: Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`) },
      /11 policyArns; STS takes at most 10/,
    ],
    [{ policyArns: ["ReadOnlyAccess"] }, /"ReadOnlyAccess" is not a managed policy ARN/],
  ])("refuses %o before any STS call", async (override, message) => {
    const aws = fakeAws();
    const credentials = fromChainedRole({ roleArn: MEMBER_ROLE("210987654321"), cache, ...override });
    const s3 = new S3Client({ region: "eu-west-1", credentials, requestHandler: aws.handler });

    const error = await s3.send(new ListBucketsCommand({})).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "InvalidConfiguration" });
    expect((error as Error).message).toMatch(message);
    expect(aws.seen).toHaveLength(0);
  });

  it("sends a valid session policy minified, with its managed policy ARNs", async () => {
    const aws = fakeAws();
    const policy = JSON.stringify(
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] },
      null,
      2,
    );
    const source = fromTaskRole({ getIdToken: async () => idToken(), cache });
    const credentials = fromChainedRole({
      roleArn: MEMBER_ROLE("210987654321"),
      source,
      cache,
      policy,
      policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    });
    await new S3Client({ region: "eu-west-1", credentials, requestHandler: aws.handler }).send(
      new ListBucketsCommand({}),
    );

    expect(params(aws.stsCalls()[1]?.body ?? "")).toMatchObject({
      Policy: JSON.stringify(JSON.parse(policy)),
      "PolicyArns.member.1.arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
    });
  });
});
