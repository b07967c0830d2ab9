import { repoStackConfig, runTaskOnStack } from "@repo/local-run";
import { leakedSecrets, STAND_IN_MODES } from "@repo/task-test";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const TASK = "remove_s3_bucket_tag";
const BUCKET = { name: "cleanup-bucket", region: "us-east-1", tags: { team: "platform", temporary: "yes" } };

describe.each(STAND_IN_MODES)("remove_s3_bucket_tag against $name", (mode) => {
  const outputs: string[] = [];
  let stack: LocalStack;

  async function remove(key: string, ...extra: string[]) {
    const run = await runTaskOnStack(stack, TASK, ["--bucket", BUCKET.name, "--key", key, ...extra]);
    outputs.push(run.stdout, run.stderr);
    return run;
  }

  beforeAll(async () => {
    stack = await startLocalStack({ config: repoStackConfig([BUCKET]), s3Compatible: mode.s3Compatible });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it("changes nothing on a dry run", { timeout: 30_000 }, async () => {
    const run = await remove("temporary", "--dry_run");
    expect(run.output).toMatchObject({ outcome: "removed", dry_run: true });
    expect(stack.bucketTags(BUCKET.name)).toEqual(BUCKET.tags);
  });

  it("removes one key and keeps the other", { timeout: 30_000 }, async () => {
    const run = await remove("temporary");
    expect(run.output).toMatchObject({ outcome: "removed", written_with: mode.writtenWith });
    expect(stack.bucketTags(BUCKET.name)).toEqual({ team: "platform" });
  });

  it("says there is nothing to remove for a missing key", { timeout: 30_000 }, async () => {
    const run = await remove("temporary");
    expect(run.output).toMatchObject({
      outcome: "absent",
      summary: `bucket ${BUCKET.name} has no tag "temporary": nothing to remove.`,
    });
  });

  it("removes the last tag", { timeout: 30_000 }, async () => {
    const run = await remove("team");
    expect(run.output).toMatchObject({ outcome: "removed", tags_after: [] });
    expect(stack.bucketTags(BUCKET.name)).toEqual({});
  });

  it("never printed a secret", () => {
    expect(leakedSecrets(stack, outputs)).toEqual([]);
  });
});
