import { awsClientSettings, fromTaskRole } from "@repo/aws-auth";
import { DEMO_BUCKET, FAR_BUCKET, testStackConfig } from "@repo/local-run";
import { BucketTagger } from "@repo/s3-bucket-tags";
import { leakedSecrets, runTaskInProcess, STAND_IN_MODES, withRunEnvironment } from "@repo/task-test";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import task from "../list_s3_bucket_tags.airplane";

// The task's behaviour against the stand-in, in this process; its runs as npm run task runs them,
// in a process of their own, are in localRun.e2e.test.ts.
const TASK = "list_s3_bucket_tags";
describe.each(STAND_IN_MODES)("list_s3_bucket_tags against $name", (mode) => {
  const outputs: string[] = [];
  let stack: LocalStack;

  async function listTags(bucket: string) {
    const run = await runTaskInProcess(stack, task, ["--bucket", bucket]);
    outputs.push(...run.printed);
    return run;
  }

  beforeAll(async () => {
    stack = await startLocalStack({ config: testStackConfig(), s3Compatible: mode.s3Compatible });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it("lists a bucket's tags as rows", async () => {
    const run = await listTags(DEMO_BUCKET.name);
    expect(run.failure).toBeUndefined();
    expect(run.log).toEqual([]);
    expect(run.output).toEqual([
      { key: "cost-center", value: "cc-1234" },
      { key: "team", value: "platform" },
    ]);
  });

  it("reads a bucket in another region", async () => {
    const run = await listTags(FAR_BUCKET.name);
    expect(run.output).toEqual([{ key: "team", value: "analytics" }]);
  });

  it("may not write: its role only reads", async () => {
    // A write as add_s3_bucket_tag makes it, in a run of this task: with this task's role.
    const write = withRunEnvironment(stack, task, {}, () => {
      const tagger = new BucketTagger({ credentials: fromTaskRole(), clientConfig: awsClientSettings() });
      return tagger.change(DEMO_BUCKET.name, { kind: "set", key: "k", value: "" }, { dryRun: false });
    });
    await expect(write).rejects.toThrow(
      new RegExp(
        `AccessDenied: User: .*:assumed-role/airplane-${TASK}/.* is not authorized to perform: s3:PutBucketTagging`,
      ),
    );
    expect(stack.bucketTags(DEMO_BUCKET.name)).toEqual(DEMO_BUCKET.tags);
  });

  it("never showed a secret", () => {
    expect(outputs.length).toBeGreaterThan(0);
    expect(leakedSecrets(stack, outputs)).toEqual([]);
  });
});
