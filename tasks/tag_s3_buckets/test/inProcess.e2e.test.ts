import { testStackConfig } from "@repo/local-run";
import { type BucketConfig, type LocalStack, startLocalStack } from "@repo/local-stack";
import { leakedSecrets, runTaskInProcess } from "@repo/task-test";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import task from "../tag_s3_buckets.airplane";

// The task's own handler, in this process, against the stand-in: what a run shows when AWS refuses.
const TASK = "tag_s3_buckets";
const BUCKETS: BucketConfig[] = [
  { name: "logs-a", region: "us-east-1", tags: {} },
  { name: "logs-b", region: "eu-west-1", tags: {} },
];
const printed: string[] = [];
let stack: LocalStack;

interface Output {
  buckets: Array<{ account: string | null; bucket: string | null; result: string; detail: string }>;
}

beforeAll(async () => {
  stack = await startLocalStack({ config: testStackConfig(BUCKETS) });
});

afterAll(async () => {
  await stack.stop();
});

afterEach(() => {
  stack.clearFaults();
  stack.resetLog();
});

/** A run that fails: its error, and the output it set before throwing. */
async function failedRun(args: string[]): Promise<{ error: Error; output: Output | undefined }> {
  const change = ["--key", "team", "--value", "data", "--concurrency", "2"];
  const run = await runTaskInProcess(stack, task, [...change, ...args]);
  printed.push(...run.printed);
  expect(run.error).toBeInstanceOf(Error);
  return { error: run.error as Error, output: run.output as Output | undefined };
}

describe("tag_s3_buckets, when AWS keeps failing, names the request", () => {
  it("in each bucket's row and the run's error: service, operation and attempts", { timeout: 60_000 }, async () => {
    stack.inject({ service: "s3Control", operation: "TagResource", fail: { code: "ServiceUnavailable", status: 503 } });

    const { error, output } = await failedRun(["--prefix", "logs-"]);

    const named = "S3 Control TagResource failed after 6 attempts: ServiceUnavailable (injected by local-stack)";
    expect(output?.buckets.map((row) => [row.bucket, row.result, row.detail])).toEqual([
      ["logs-a", "failed", named],
      ["logs-b", "failed", named],
    ]);
    expect(error.message).toMatch(new RegExp(`^2 of 2 buckets failed: logs-a \\(${named.replace(/[()]/g, "\\$&")}\\)`));
    expect(stack.count("s3Control", "TagResource")).toBe(12);
  });

  it("in the run's error when the listing fails", { timeout: 60_000 }, async () => {
    stack.inject({ service: "s3", operation: "ListBuckets", fail: { code: "AccessDenied", status: 403 } });

    const { error } = await failedRun(["--prefix", "logs-"]);

    expect(error.message).toBe("S3 ListBuckets failed: AccessDenied (injected by local-stack)");
    expect(error.cause).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403, attempts: 1 } });
  });
});

describe("tag_s3_buckets given another role of the task's own account", () => {
  it("asks STS for that role, and shows STS's refusal naming both roles", { timeout: 60_000 }, async () => {
    // A role the stand-in plays in the task's own account, which trusts Airplane's OIDC provider only.
    const other = stack.roleArn("airplane-list_s3_bucket_tags");

    const { error, output } = await failedRun(["--accounts", other, "--prefix", "logs-"]);

    expect(stack.count("sts", "AssumeRole")).toBe(1);
    expect(output?.buckets).toEqual([
      expect.objectContaining({ account: stack.accountId, bucket: null, result: "failed" }),
    ]);
    expect(output?.buckets[0]?.detail).toMatch(
      new RegExp(`^Role ${other} refused to be assumed by role ${stack.roleArn(`airplane-${TASK}`)}\\. `),
    );
    expect(error.message).toMatch(new RegExp(`^1 of 1 row failed: account ${stack.accountId} \\(Role ${other} `));
    expect(Object.values(stack.bucketTags("logs-a"))).toEqual([]);
  });
});

describe("tag_s3_buckets, secrets", () => {
  it("never showed a token, secret key or session token in the runs above", () => {
    expect(printed.length).toBeGreaterThan(0);
    expect(leakedSecrets(stack, printed)).toEqual([]);
  });
});
