import { testStackConfig, runTaskOnStack } from "@repo/local-run";
import { leakedSecrets, runTaskInProcess, STAND_IN_MODES } from "@repo/task-test";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import task from "../remove_s3_bucket_tag.airplane";

const TASK = "remove_s3_bucket_tag";
const BUCKET = { name: "cleanup-bucket", region: "us-east-1", tags: { team: "platform", temporary: "yes" } };

describe("remove_s3_bucket_tag as npm run task runs it, in a process of its own", () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack({ config: testStackConfig([BUCKET]) });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it("removes one key, prints the output's JSON alone and exits 0", { timeout: 30_000 }, async () => {
    const run = await runTaskOnStack(stack, TASK, ["--bucket", BUCKET.name, "--key", "temporary"]);

    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: "removed", written_with: "s3-control" });
    expect(stack.bucketTags(BUCKET.name)).toEqual({ team: "platform" });
    expect(leakedSecrets(stack, [run.stdout, run.stderr])).toEqual([]);
  });
});

describe.each(STAND_IN_MODES)("remove_s3_bucket_tag against $name", (mode) => {
  const outputs: string[] = [];
  let stack: LocalStack;

  async function remove(key: string, ...extra: string[]) {
    const run = await runTaskInProcess(stack, task, ["--bucket", BUCKET.name, "--key", key, ...extra]);
    outputs.push(...run.printed);
    expect(run.failure).toBeUndefined();
    return run;
  }

  beforeAll(async () => {
    stack = await startLocalStack({ config: testStackConfig([BUCKET]), s3Compatible: mode.s3Compatible });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it("changes nothing on a dry run", async () => {
    const run = await remove("temporary", "--dry_run");
    expect(run.output).toMatchObject({ outcome: "removed", dry_run: true });
    expect(stack.bucketTags(BUCKET.name)).toEqual(BUCKET.tags);
  });

  it("removes one key and keeps the other", async () => {
    const run = await remove("temporary");
    expect(run.output).toMatchObject({ outcome: "removed", written_with: mode.writtenWith });
    expect(stack.bucketTags(BUCKET.name)).toEqual({ team: "platform" });
  });

  it("says there is nothing to remove for a missing key", async () => {
    const run = await remove("temporary");
    expect(run.output).toMatchObject({
      outcome: "absent",
      summary: `bucket ${BUCKET.name} has no tag "temporary": nothing to remove.`,
    });
  });

  it("removes the last tag", async () => {
    const run = await remove("team");
    expect(run.output).toMatchObject({ outcome: "removed", tags_after: [] });
    expect(stack.bucketTags(BUCKET.name)).toEqual({});
  });

  it("never showed a secret", () => {
    expect(outputs.length).toBeGreaterThan(0);
    expect(leakedSecrets(stack, outputs)).toEqual([]);
  });
});
