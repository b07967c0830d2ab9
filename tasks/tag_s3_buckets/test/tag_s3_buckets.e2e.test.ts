import { repoStackConfig, runTaskOnStack, type TaskRun, type TaskRunOptions } from "@repo/local-run";
import { leakedSecrets, STAND_IN_MODES } from "@repo/task-test";
import { type BucketConfig, type LocalStack, startLocalStack } from "@repo/local-stack";
import { WHOLE_SET_REPLACED_SUMMARY } from "@repo/s3-bucket-tags";
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
  buckets: Array<{ bucket: string; region: string; result: string; detail: string; written_with: string | null }>;
  /** Set when the run failed. */
  error?: string;
}

async function tagBuckets(args: string[], options: TaskRunOptions = {}): Promise<TaskRun & { output: Output }> {
  const run = await runTaskOnStack(stack, TASK, args, options);
  outputs.push(run.stdout, run.stderr);
  return run as TaskRun & { output: Output };
}

async function tagLogs(value: string, options: TaskRunOptions = {}, concurrency = 8): Promise<Output> {
  const args = ["--prefix", "logs-", "--key", "team", "--value", value, "--concurrency", String(concurrency)];
  const run = await tagBuckets(args, options);
  // Only the run's progress lines, which npm run task sends to stderr off a terminal; the last at 100 %.
  const lines = run.stderr.split("\n").filter(Boolean);
  expect(lines.filter((line) => !line.startsWith("Progress: "))).toEqual([]);
  expect(lines.at(-1)).toMatch(/^Progress: (\d+)\/\1 buckets \(100%\), 0 failed, /);
  expect(run.exitCode).toBe(0);
  return run.output;
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

describe.each(STAND_IN_MODES)("tag_s3_buckets against $name", (mode) => {
  let shared: LocalStack;

  beforeAll(async () => {
    shared = stack;
    stack = await startLocalStack({ config: repoStackConfig([...LOGS, OTHER]), s3Compatible: mode.s3Compatible });
  });

  afterAll(async () => {
    await stack.stop();
    stack = shared;
  });

  it("tags every bucket of the prefix, in both regions, keeping their tags", { timeout: 60_000 }, async () => {
    const output = await tagLogs("data");

    const summary = 'team="data" on 40 buckets: 40 changed, 0 unchanged, 0 failed.';
    expect(output.summary).toBe(
      mode.writtenWith === "s3-control" ? summary : `${summary} ${WHOLE_SET_REPLACED_SUMMARY}`,
    );
    expect(new Set(output.buckets.map((row) => row.written_with))).toEqual(new Set([mode.writtenWith]));
    for (const bucket of LOGS) expect(stack.bucketTags(bucket.name)).toEqual(tagsOf("data"));
    expect(stack.bucketTags(OTHER.name)).toEqual(OTHER.tags);
    expect(output.buckets.filter((row) => row.region === "eu-west-1")).toHaveLength(4);
    expect(stack.count("airplane", "GenerateIdToken")).toBe(1);
    expect(stack.count("sts", "AssumeRoleWithWebIdentity")).toBe(1);
    expect(stack.requests.filter((entry) => entry.errorCode === "PermanentRedirect")).toEqual([]);
  });
});

describe("tag_s3_buckets against the local stand-in", () => {
  it("goes on past a bucket that fails, says which and why, and fails the run", { timeout: 60_000 }, async () => {
    stack.inject({
      service: "s3",
      operation: "GetBucketTagging",
      fail: { code: "AccessDenied", status: 403 },
      times: 1,
    });
    const args = ["--prefix", "logs-", "--key", "team", "--value", "analytics", "--concurrency", "8"];
    const { exitCode, output, stderr } = await tagBuckets(args);

    expect(exitCode).toBe(1);
    const failed = output.buckets.filter((row) => row.result === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.detail).toBe("S3 GetBucketTagging failed: AccessDenied (injected by local-stack)");
    expect(output.buckets.filter((row) => row.result === "changed")).toHaveLength(39);
    expect(output.summary).toContain("39 changed, 0 unchanged, 1 failed");
    expect(output.error).toMatch(
      new RegExp(`^1 of 40 buckets failed: ${failed[0]?.bucket} \\(S3 GetBucketTagging failed`),
    );
    expect(stderr).toContain(`Task tag_s3_buckets failed: ${output.error}`);
  });

  it("fails a run in which every bucket failed, naming the missing ones", { timeout: 60_000 }, async () => {
    const args = ["--buckets", "no-such-a", "--buckets", "no-such-b", "--key", "k", "--value", ""];
    const { exitCode, output } = await tagBuckets(args);

    expect(exitCode).toBe(1);
    expect(output.summary).toBe('k="" on 2 buckets: 0 changed, 0 unchanged, 2 failed.');
    expect(output.buckets.map((row) => row.detail)).toEqual([
      expect.stringMatching(/^Bucket "no-such-a" does not exist \(S3 answered NoSuchBucket\)/),
      expect.stringMatching(/^Bucket "no-such-b" does not exist \(S3 answered NoSuchBucket\)/),
    ]);
    expect(output.error).toMatch(/^2 of 2 buckets failed: no-such-a \(Bucket "no-such-a" does not exist/);
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
    // Credentials for 302 s: the SDK renews 5 minutes before expiry, so every 2 s here. 40 buckets, two at a
    // time, a read and a write each at 80 ms or more: the run lasts at least 3.2 s, so it must renew at least once
    // however fast the machine (at 40 ms it could finish in 1.6 s, before the first renewal was due).
    stack = await startLocalStack({ config: repoStackConfig([...LOGS, OTHER]), credentialLifetimeSeconds: 302 });
    try {
      stack.inject({ service: "s3", latencyMs: 80 });
      stack.inject({ service: "s3Control", latencyMs: 80 });
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
