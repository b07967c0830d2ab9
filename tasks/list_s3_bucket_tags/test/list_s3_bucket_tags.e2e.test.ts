import { awsClientSettings, fromTaskRole } from "@repo/aws-auth";
import { DEMO_BUCKET, FAR_BUCKET, repoStackConfig, runTaskOnStack } from "@repo/local-run";
import { BucketTagger } from "@repo/s3-bucket-tags";
import { STAND_IN_MODES } from "@repo/task-test";
import { type LocalStack, RESOLVE_LOCALHOST_PRELOAD, startLocalStack } from "@repo/local-stack";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const TASK = "list_s3_bucket_tags";
describe.each(STAND_IN_MODES)("list_s3_bucket_tags against $name", (mode) => {
  let stack: LocalStack;

  beforeAll(async () => {
    // In this process, as the stand-in's NODE_OPTIONS does for a run's: S3 Control's
    // <account>.localhost host name resolves to the stand-in.
    createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);
    stack = await startLocalStack({ config: repoStackConfig(), s3Compatible: mode.s3Compatible });
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
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
    // A write as add_s3_bucket_tag makes it, in a run of this task: with this task's role.
    const role = `airplane-${TASK}`;
    for (const [name, value] of Object.entries(stack.runEnv({ taskSlug: TASK, roleName: role })))
      vi.stubEnv(name, value);
    const tagger = new BucketTagger({ credentials: fromTaskRole(), clientConfig: awsClientSettings() });
    const write = tagger.change(DEMO_BUCKET.name, { kind: "set", key: "k", value: "" }, { dryRun: false });
    await expect(write).rejects.toThrow(
      new RegExp(`AccessDenied: User: .*:assumed-role/${role}/.* is not authorized to perform: s3:PutBucketTagging`),
    );
    expect(stack.bucketTags(DEMO_BUCKET.name)).toEqual(DEMO_BUCKET.tags);
  });
});
