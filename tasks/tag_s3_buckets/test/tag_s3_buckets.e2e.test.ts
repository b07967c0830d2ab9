import { testStackConfig } from "@repo/local-run";
import { type InProcessRun, leakedSecrets, runTaskInProcess, STAND_IN_MODES } from "@repo/task-test";
import { type BucketConfig, type LocalStack, type LocalStackOptions, startLocalStack } from "@repo/local-stack";
import { WHOLE_SET_REPLACED_SUMMARY } from "@repo/s3-bucket-tags";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import task from "../tag_s3_buckets.airplane";

// The task's behaviour against the stand-in, in this process; its runs as npm run task runs them,
// in a process of their own, are in localRun.e2e.test.ts and accounts.e2e.test.ts.
const LOGS: BucketConfig[] = Array.from({ length: 40 }, (_, i) => ({
  name: `logs-${String(i).padStart(3, "0")}`,
  region: i % 10 === 9 ? "eu-west-1" : "us-east-1",
  tags: { env: "prod" },
}));
const OTHER: BucketConfig = { name: "other-bucket", region: "us-east-1", tags: { env: "prod" } };
const outputs: string[] = [];
/** Every stand-in of the file: the secrets check looks for what each of them issued. */
const stacks: LocalStack[] = [];
let stack: LocalStack;

interface Output {
  summary: string;
  buckets: Array<{ bucket: string; region: string; result: string; detail: string; written_with: string | null }>;
  /** Set when the run failed. */
  error?: string;
}

async function startStack(options: Omit<LocalStackOptions, "config"> = {}): Promise<LocalStack> {
  const started = await startLocalStack({ config: testStackConfig([...LOGS, OTHER]), ...options });
  stacks.push(started);
  return started;
}

async function tagBuckets(args: string[]): Promise<InProcessRun & { output: Output }> {
  const run = await runTaskInProcess(stack, task, args);
  outputs.push(...run.printed);
  return run as InProcessRun & { output: Output };
}

/** Tags every logs- bucket, at the task's default concurrency unless given one. */
async function tagLogs(value: string, concurrency?: number): Promise<Output> {
  const args = ["--prefix", "logs-", "--key", "team", "--value", value];
  if (concurrency !== undefined) args.push("--concurrency", String(concurrency));
  const run = await tagBuckets(args);
  // Only the run's progress lines, the last at 100 %.
  expect(run.log.filter((line) => !line.startsWith("Progress: "))).toEqual([]);
  expect(run.log.at(-1)).toMatch(/^Progress: (\d+)\/\1 buckets \(100%\), 0 failed, /);
  expect(run.failure).toBeUndefined();
  return run.output;
}

const tagsOf = (value: string) => ({ env: "prod", team: value });

beforeAll(async () => {
  stack = await startStack();
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
    stack = await startStack({ s3Compatible: mode.s3Compatible });
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
    const { output, failure } = await tagBuckets(args);

    const failed = output.buckets.filter((row) => row.result === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.detail).toBe("S3 GetBucketTagging failed: AccessDenied (injected by local-stack)");
    expect(output.buckets.filter((row) => row.result === "changed")).toHaveLength(39);
    expect(output.summary).toContain("39 changed, 0 unchanged, 1 failed");
    expect(output.error).toMatch(
      new RegExp(`^1 of 40 buckets failed: ${failed[0]?.bucket} \\(S3 GetBucketTagging failed`),
    );
    expect(failure).toContain(`Task tag_s3_buckets failed: ${output.error}`);
  });

  it("fails a run in which every bucket failed, naming the missing ones", { timeout: 60_000 }, async () => {
    const args = ["--buckets", "no-such-a", "--buckets", "no-such-b", "--key", "k", "--value", ""];
    const { output, failure } = await tagBuckets(args);

    expect(failure).toBeDefined();
    expect(output.summary).toBe('k="" on 2 buckets: 0 changed, 0 unchanged, 2 failed.');
    expect(output.buckets.map((row) => row.detail)).toEqual([
      expect.stringMatching(/^Bucket "no-such-a" does not exist \(S3 answered NoSuchBucket\)/),
      expect.stringMatching(/^Bucket "no-such-b" does not exist \(S3 answered NoSuchBucket\)/),
    ]);
    expect(output.error).toMatch(/^2 of 2 buckets failed: no-such-a \(Bucket "no-such-a" does not exist/);
  });

  it("backs off when S3 says SlowDown, and loses no tag", { timeout: 60_000 }, async () => {
    const slowDown = stack.inject({
      service: "s3Control",
      operation: "TagResource",
      fail: { code: "SlowDown", status: 503 },
      times: 12,
    });
    const output = await tagLogs("platform");

    expect(slowDown.hits).toBe(12);
    expect(output.summary).toContain("40 changed, 0 unchanged, 0 failed");
    for (const bucket of LOGS) expect(stack.bucketTags(bucket.name)).toEqual(tagsOf("platform"));
  });
});

describe("tag_s3_buckets when its credentials expire during the run", () => {
  it("renews them with a fresh token, and no call fails", { timeout: 60_000 }, async () => {
    const shared = stack;
    // Credentials for 301 s, which STS rounds down to a whole second: the SDK renews 5 minutes before
    // expiry, so within a second here. 40 buckets, two at a time, a read and a write each at 30 ms or
    // more: the run lasts at least 1.2 s, so it must renew at least once however fast the machine.
    stack = await startStack({ credentialLifetimeSeconds: 301 });
    try {
      stack.inject({ service: "s3", latencyMs: 30 });
      stack.inject({ service: "s3Control", latencyMs: 30 });
      const output = await tagLogs("renewed", 2);

      expect(output.summary).toContain("40 changed, 0 unchanged, 0 failed");
      const sessions = stack.count("sts", "AssumeRoleWithWebIdentity");
      expect(sessions).toBeGreaterThanOrEqual(2);
      expect(stack.count("airplane", "GenerateIdToken")).toBe(sessions);
      expect(stack.requests.filter((entry) => entry.status >= 400)).toEqual([]);
    } finally {
      await stack.stop();
      stack = shared;
    }
  });
});

describe("tag_s3_buckets, secrets", () => {
  it("never showed a token, secret key or session token in any run above, of any stand-in", () => {
    expect(stacks).toHaveLength(4);
    for (const each of stacks) expect(leakedSecrets(each, outputs)).toEqual([]);
  });
});
