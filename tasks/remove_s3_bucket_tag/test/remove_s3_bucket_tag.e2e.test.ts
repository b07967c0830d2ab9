import { leakedSecrets, repoStackConfig, runTaskOnStack } from "@repo/local-run";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const TASK = "remove_s3_bucket_tag";
const BUCKET = { name: "cleanup-bucket", region: "us-east-1", tags: { team: "platform", temporary: "yes" } };
const outputs: string[] = [];
let stack: LocalStack;

async function remove(key: string, ...extra: string[]) {
  const run = await runTaskOnStack(stack, TASK, ["--bucket", BUCKET.name, "--key", key, ...extra]);
  outputs.push(run.stdout, run.stderr);
  return run;
}

beforeAll(async () => {
  stack = await startLocalStack({ config: repoStackConfig([BUCKET]) });
});

afterAll(async () => {
  await stack.stop();
});

describe("remove_s3_bucket_tag against the local stand-in", () => {
  it("changes nothing on a dry run", { timeout: 30_000 }, async () => {
    const run = await remove("temporary", "--dry_run");
    expect(run.output).toMatchObject({ outcome: "removed", dry_run: true });
    expect(stack.bucketTags(BUCKET.name)).toEqual(BUCKET.tags);
  });

  it("removes one key with UntagResource and keeps the other", { timeout: 30_000 }, async () => {
    const run = await remove("temporary");
    expect(run.output).toMatchObject({ outcome: "removed", written_with: "s3-control" });
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
