import { leakedSecrets, repoStackConfig, runTaskOnStack, type TaskRunOptions } from "@repo/local-run";
import { type BucketConfig, type LocalStack, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

const TASK = "tag_s3_buckets";
const LOGS: BucketConfig[] = Array.from({ length: 40 }, (_, i) => ({
  name: `logs-${String(i).padStart(3, "0")}`,
  region: i % 10 === 9 ? "eu-west-1" : "us-east-1",
  tags: { env: "prod" },
}));
const OTHER: BucketConfig = { name: "other-bucket", region: "us-east-1", tags: { env: "prod" } };
const outputs: string[] = [];
let stack: LocalStack;

interface Output {
  summary: string;
  buckets: Array<{ bucket: string; region: string; result: string; detail: string }>;
}

async function tagLogs(value: string, options: TaskRunOptions = {}, concurrency = 8): Promise<Output> {
  const args = ["--prefix", "logs-", "--key", "team", "--value", value, "--concurrency", String(concurrency)];
  const run = await runTaskOnStack(stack, TASK, args, options);
  outputs.push(run.stdout, run.stderr);
  expect(run.stderr).toBe("");
  return run.output as Output;
}

const tagsOf = (value: string) => ({ env: "prod", team: value });

beforeAll(async () => {
  stack = await startLocalStack({ config: repoStackConfig([...LOGS, OTHER]) });
});

afterAll(async () => {
  await stack.stop();
});

beforeEach(() => {
  stack.resetLog();
  stack.clearFaults();
});

describe("tag_s3_buckets against the local stand-in", () => {
  it("tags every bucket of the prefix, in both regions, keeping their tags", { timeout: 60_000 }, async () => {
    const output = await tagLogs("data");

    expect(output.summary).toBe('team="data" on 40 buckets: 40 changed, 0 unchanged, 0 failed.');
    for (const bucket of LOGS) expect(stack.bucketTags(bucket.name)).toEqual(tagsOf("data"));
    expect(stack.bucketTags(OTHER.name)).toEqual(OTHER.tags);
    expect(output.buckets.filter((row) => row.region === "eu-west-1")).toHaveLength(4);
    expect(stack.count("airplane", "GenerateIdToken")).toBe(1);
    expect(stack.count("sts", "AssumeRoleWithWebIdentity")).toBe(1);
    expect(stack.requests.filter((entry) => entry.errorCode === "PermanentRedirect")).toEqual([]);
  });

  it("goes on past a bucket that fails, and says which and why", { timeout: 60_000 }, async () => {
    stack.inject({
      service: "s3",
      operation: "GetBucketTagging",
      fail: { code: "AccessDenied", status: 403 },
      times: 1,
    });
    const output = await tagLogs("analytics");

    const failed = output.buckets.filter((row) => row.result === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.detail).toMatch(/^AccessDenied/);
    expect(output.buckets.filter((row) => row.result === "changed")).toHaveLength(39);
  });

  it("backs off when S3 says SlowDown, and loses no tag", { timeout: 60_000 }, async () => {
    stack.inject({
      service: "s3Control",
      operation: "TagResource",
      fail: { code: "SlowDown", status: 503 },
      times: 12,
    });
    const output = await tagLogs("platform");

    expect(output.summary).toContain("40 changed, 0 unchanged, 0 failed");
    for (const bucket of LOGS) expect(stack.bucketTags(bucket.name)).toEqual(tagsOf("platform"));
  });
});

describe("tag_s3_buckets when its credentials expire during the run", () => {
  it("renews them with a fresh token, and no call fails", { timeout: 60_000 }, async () => {
    const shared = stack;
    // Credentials for 302 s: the SDK renews 5 minutes before expiry, so every 2 s here.
    stack = await startLocalStack({ config: repoStackConfig([...LOGS, OTHER]), credentialLifetimeSeconds: 302 });
    try {
      stack.inject({ service: "s3", latencyMs: 40 });
      stack.inject({ service: "s3Control", latencyMs: 40 });
      const output = await tagLogs("renewed", {}, 2);

      expect(output.summary).toContain("40 changed, 0 unchanged, 0 failed");
      const sessions = stack.count("sts", "AssumeRoleWithWebIdentity");
      expect(sessions).toBeGreaterThanOrEqual(2);
      expect(stack.count("airplane", "GenerateIdToken")).toBe(sessions);
      expect(stack.requests.filter((entry) => entry.status >= 400)).toEqual([]);
      expect(leakedSecrets(stack, outputs)).toEqual([]);
    } finally {
      await stack.stop();
      stack = shared;
    }
  });
});

describe("tag_s3_buckets, secrets", () => {
  it("never printed a secret", () => {
    expect(leakedSecrets(stack, outputs)).toEqual([]);
  });
});
