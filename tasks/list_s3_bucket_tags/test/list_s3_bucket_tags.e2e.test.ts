import { DEMO_BUCKET, FAR_BUCKET, repoStackConfig, runTaskOnStack } from "@repo/local-run";
import { STAND_IN_MODES } from "@repo/task-test";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const TASK = "list_s3_bucket_tags";
describe.each(STAND_IN_MODES)("list_s3_bucket_tags against $name", (mode) => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack({ config: repoStackConfig(), s3Compatible: mode.s3Compatible });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it("lists a bucket's tags as rows", { timeout: 30_000 }, async () => {
    const run = await runTaskOnStack(stack, TASK, ["--bucket", DEMO_BUCKET.name]);
    expect(run.stderr).toBe("");
    expect(run.output).toEqual([
      { key: "cost-center", value: "cc-1234" },
      { key: "team", value: "platform" },
    ]);
  });

  it("reads a bucket in another region", { timeout: 30_000 }, async () => {
    const run = await runTaskOnStack(stack, TASK, ["--bucket", FAR_BUCKET.name]);
    expect(run.output).toEqual([{ key: "team", value: "analytics" }]);
  });

  it("may not write: its role only reads", { timeout: 30_000 }, async () => {
    const run = await runTaskOnStack(stack, "add_s3_bucket_tag", ["--bucket", DEMO_BUCKET.name, "--key", "k"], {
      run: { roleName: `airplane-${TASK}`, taskSlug: TASK },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/AccessDenied/);
    expect(stack.bucketTags(DEMO_BUCKET.name)).toEqual(DEMO_BUCKET.tags);
  });
});
