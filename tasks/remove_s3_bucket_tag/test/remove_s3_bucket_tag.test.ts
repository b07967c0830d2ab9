import {
  DeleteBucketTaggingCommand,
  GetBucketTaggingCommand,
  PutBucketTaggingCommand,
  type PutBucketTaggingCommandInput,
  S3Client,
  type Tag,
} from "@aws-sdk/client-s3";
import { S3ControlClient, UntagResourceCommand } from "@aws-sdk/client-s3-control";
import { displayedOutput } from "@repo/task-cli";
import { leaksSessionToken, leakyAwsError, unitTestTask } from "@repo/task-test";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import task from "../remove_s3_bucket_tag.airplane";

const s3 = mockClient(S3Client);
const s3Control = mockClient(S3ControlClient);
const { config, run } = unitTestTask(task, {
  mocks: [s3, s3Control],
  defaults: { dry_run: false },
  instantWaits: true,
});

/** The bucket's tags as S3 keeps them: what PutBucketTagging writes, GetBucketTagging reads back. */
function givenBucketTags(initial: Tag[]) {
  let stored = initial;
  s3.on(GetBucketTaggingCommand).callsFake(() => {
    if (stored.length === 0) throw Object.assign(new Error("The TagSet does not exist"), { name: "NoSuchTagSet" });
    return { TagSet: stored };
  });
  s3.on(PutBucketTaggingCommand).callsFake((input: PutBucketTaggingCommandInput) => {
    stored = input.Tagging?.TagSet ?? [];
    return {};
  });
  s3.on(DeleteBucketTaggingCommand).callsFake(() => {
    stored = [];
    return {};
  });
}

beforeEach(() => {
  // Denied, as for a role without s3:UntagResource, so the task takes its read-merge-write path.
  s3Control.on(UntagResourceCommand).rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied" }));
});

describe("remove_s3_bucket_tag", () => {
  it("is an Airplane task reading its role from a config var", () => {
    expect(config.slug).toBe("remove_s3_bucket_tag");
    expect(config.envVars?.AWS_ROLE_ARN).toEqual({ config: "aws_role_arn_remove_s3_bucket_tag" });
  });

  it("removes the key and keeps every other tag", async () => {
    givenBucketTags([
      { Key: "team", Value: "platform" },
      { Key: "cost-center", Value: "cc-1234" },
    ]);

    const output = await run({ bucket: "demo-bucket", key: "team" });

    expect(s3.commandCalls(PutBucketTaggingCommand)[0]?.args[0].input.Tagging?.TagSet).toEqual([
      { Key: "cost-center", Value: "cc-1234" },
    ]);
    expect(output).toMatchObject({
      summary:
        'Removed "team" (was "platform") from bucket demo-bucket; 1 other tag kept. Warning: the whole tag set was ' +
        "replaced (PutBucketTagging), so a change another writer made at the same time may be lost.",
      tags_after: [{ key: "cost-center", value: "cc-1234" }],
    });
    // Airplane's run page: the change as a description list, without the empty "Value after".
    const shown = displayedOutput(config.outputDisplay, output);
    expect(shown?.type === "descriptionList" && shown.items.map(({ term }) => term)).toEqual([
      "Result",
      "Bucket",
      "Region",
      "Key",
      "Value before",
      "Tags after",
      "Written with",
      "Warning",
    ]);
    expect(shown).toMatchObject({
      items: expect.arrayContaining([
        { term: "Value before", description: "platform" },
        { term: "Tags after", description: "cost-center=cc-1234" },
      ]) as unknown,
    });
  });

  it("deletes the tag set when it removes the last tag", async () => {
    givenBucketTags([{ Key: "team", Value: "platform" }]);
    const output = await run({ bucket: "demo-bucket", key: "team" });

    expect(s3.commandCalls(DeleteBucketTaggingCommand)).toHaveLength(1);
    expect(output).toMatchObject({ outcome: "removed", tags_after: [] });
  });

  it("says so, and writes nothing, when the key is not there", async () => {
    givenBucketTags([{ Key: "team", Value: "platform" }]);
    const output = await run({ bucket: "demo-bucket", key: "owner" });

    expect(output).toMatchObject({
      outcome: "absent",
      summary: 'bucket demo-bucket has no tag "owner": nothing to remove.',
    });
    expect(s3Control.calls()).toHaveLength(0);
    expect(s3.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
  });

  it("writes nothing on a dry run", async () => {
    givenBucketTags([{ Key: "team", Value: "platform" }]);
    const output = await run({ bucket: "demo-bucket", key: "team", dry_run: true });

    expect(output).toMatchObject({ outcome: "removed", dry_run: true });
    expect(s3.commandCalls(DeleteBucketTaggingCommand)).toHaveLength(0);
  });
});

describe("remove_s3_bucket_tag errors", () => {
  it("leave the task with their message and AWS code, and without the request or response", async () => {
    s3.on(GetBucketTaggingCommand).rejects(leakyAwsError());
    const error = await run({ bucket: "demo-bucket", key: "owner" }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect(String((error as Error).message)).toContain("Access Denied");
    expect(leaksSessionToken(error)).toBe(false);
  });
});
