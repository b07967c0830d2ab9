import { createRequire } from "node:module";
import { repoStackConfig } from "@repo/local-run";
import { type BucketConfig, type LocalStack, RESOLVE_LOCALHOST_PRELOAD, startLocalStack } from "@repo/local-stack";
import { airplaneDefinition } from "@repo/task-test";
import airplane from "airplane";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import task from "../tag_s3_buckets.airplane";

// The task's own handler, in this process, against the stand-in: what a run shows when AWS refuses.
const TASK = "tag_s3_buckets";
const BUCKETS: BucketConfig[] = [
  { name: "logs-a", region: "us-east-1", tags: {} },
  { name: "logs-b", region: "eu-west-1", tags: {} },
];
const { baseFunc } = airplaneDefinition(task);
let stack: LocalStack;

interface Output {
  buckets: Array<{ account: string | null; bucket: string | null; result: string; detail: string }>;
}

beforeAll(async () => {
  createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);
  stack = await startLocalStack({ config: repoStackConfig(BUCKETS) });
});

afterAll(async () => {
  await stack.stop();
});

afterEach(() => {
  stack.clearFaults();
  stack.resetLog();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** A run of the task as Airplane runs it: its error, and the output it set before throwing. */
async function failedRun(params: Record<string, unknown>): Promise<{ error: Error; output: Output | undefined }> {
  const env = stack.runEnv({ taskSlug: TASK, roleName: `airplane-${TASK}` });
  for (const [name, value] of Object.entries({ ...env, AIRPLANE_TASK_SLUG: TASK })) vi.stubEnv(name, value);
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  const setOutput = vi.spyOn(airplane, "setOutput").mockImplementation(() => undefined);
  const base = { key: "team", value: "data", concurrency: 2, dry_run: false, organization: false };
  let error = new Error("the run did not fail");
  try {
    await baseFunc({ ...base, ...params });
  } catch (caught) {
    error = caught as Error;
  }
  return { error, output: setOutput.mock.calls[0]?.[0] as Output | undefined };
}

describe("tag_s3_buckets, when AWS keeps failing, names the request", () => {
  it("in each bucket's row and the run's error: service, operation and attempts", { timeout: 60_000 }, async () => {
    stack.inject({ service: "s3Control", operation: "TagResource", fail: { code: "ServiceUnavailable", status: 503 } });

    const { error, output } = await failedRun({ prefix: "logs-" });

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

    const { error } = await failedRun({ prefix: "logs-" });

    expect(error.message).toBe("S3 ListBuckets failed: AccessDenied (injected by local-stack)");
    expect(error.cause).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403, attempts: 1 } });
  });
});

describe("tag_s3_buckets given another role of the task's own account", () => {
  it("asks STS for that role, and shows STS's refusal naming both roles", { timeout: 60_000 }, async () => {
    // A role the stand-in plays in the task's own account, which trusts Airplane's OIDC provider only.
    const other = stack.roleArn("airplane-list_s3_bucket_tags");

    const { error, output } = await failedRun({ accounts: [other], prefix: "logs-" });

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
