import {
  GetBucketTaggingCommand,
  PutBucketTaggingCommand,
  type PutBucketTaggingCommandInput,
  type Tag,
  S3Client,
} from "@aws-sdk/client-s3";
import { S3ControlClient, TagResourceCommand } from "@aws-sdk/client-s3-control";
import { leaksSessionToken, leakyAwsError, unitTestTask } from "@repo/task-test";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { displayedOutput } from "@repo/task-cli";
import addS3BucketTag from "../add_s3_bucket_tag.airplane";

const s3 = mockClient(S3Client);
const s3Control = mockClient(S3ControlClient);
const { config, run } = unitTestTask(addS3BucketTag, { mocks: [s3, s3Control], instantWaits: true });

const EXISTING = [
  { Key: "team", Value: "platform" },
  { Key: "cost-center", Value: "cc-1234" },
];

beforeEach(() => {
  // The bucket's tags as S3 keeps them: what PutBucketTagging writes, GetBucketTagging reads back.
  let stored: Tag[] = EXISTING;
  s3.on(GetBucketTaggingCommand).callsFake(() => ({ TagSet: stored }));
  s3.on(PutBucketTaggingCommand).callsFake((input: PutBucketTaggingCommandInput) => {
    stored = input.Tagging?.TagSet ?? [];
    return {};
  });
  // Denied, as for a role without s3:TagResource, so the task takes its read-merge-write path.
  s3Control.on(TagResourceCommand).rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied" }));
});

describe("add_s3_bucket_tag", () => {
  it("is an Airplane task with the parameters and config vars the README documents", () => {
    expect(config.slug).toBe("add_s3_bucket_tag");
    expect(Object.keys(config.parameters ?? {})).toEqual(["bucket", "key", "value", "dry_run"]);
    expect(config.envVars).toEqual({
      AWS_ROLE_ARN: { config: "aws_role_arn_add_s3_bucket_tag" },
      AWS_REGION: { config: "aws_region" },
    });
  });

  it("adds the tag and keeps the bucket's other tags", async () => {
    const output = await run({ bucket: "demo-bucket", key: "owner", value: "data", dry_run: false });

    expect(s3.commandCalls(PutBucketTaggingCommand)[0]?.args[0].input).toEqual({
      Bucket: "demo-bucket",
      Tagging: {
        TagSet: [
          { Key: "team", Value: "platform" },
          { Key: "cost-center", Value: "cc-1234" },
          { Key: "owner", Value: "data" },
        ],
      },
    });
    expect(output).toMatchObject({
      summary:
        'Added "owner"="data" to bucket demo-bucket; 2 other tags kept. Warning: the whole tag set was replaced ' +
        "(PutBucketTagging), so a change another writer made at the same time may be lost.",
      written_with: "put-bucket-tagging",
      warning: expect.stringMatching(/^Written with PutBucketTagging/) as unknown,
      outcome: "added",
      change: { key: "owner", old_value: null, new_value: "data" },
    });
  });

  it("reports the old value when it changes an existing key", async () => {
    const output = await run({ bucket: "demo-bucket", key: "team", value: "data", dry_run: false });
    expect(output).toMatchObject({ outcome: "updated", change: { old_value: "platform", new_value: "data" } });
    // Airplane's run page: the change as a description list.
    expect(displayedOutput(config.outputDisplay, output)).toMatchObject({
      type: "descriptionList",
      items: expect.arrayContaining([
        { term: "Bucket", description: "demo-bucket" },
        { term: "Key", description: "team" },
        { term: "Value before", description: "platform" },
        { term: "Value after", description: "data" },
        { term: "Tags after", description: "team=data, cost-center=cc-1234" },
      ]) as unknown,
    });
  });

  it("takes an absent value as empty", async () => {
    await run({ bucket: "demo-bucket", key: "flag", dry_run: false });
    expect(s3.commandCalls(PutBucketTaggingCommand)[0]?.args[0].input.Tagging?.TagSet?.at(-1)).toEqual({
      Key: "flag",
      Value: "",
    });
  });

  it("writes nothing on a dry run", async () => {
    const output = await run({ bucket: "demo-bucket", key: "owner", value: "data", dry_run: true });
    expect(s3.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
    expect(output).toMatchObject({ dry_run: true, outcome: "added" });
  });

  it.each([
    [{ bucket: "Demo_Bucket", key: "team", value: "x" }, /bucket "Demo_Bucket" is not a valid S3 bucket name/],
    [{ bucket: "demo-bucket", key: "aws:team", value: "x" }, /reserves for its own tags/],
    [{ bucket: "demo-bucket", key: "", value: "x" }, /key must have 1 to 128 characters/],
    [{ bucket: "demo-bucket", key: "team", value: "v".repeat(257) }, /value must have at most 256 characters/],
    [{ bucket: "demo-bucket", key: "team", value: "50%" }, /value "50%" contains "%"/],
  ])("refuses %o before any AWS call", async (params, message) => {
    await expect(run({ dry_run: false, ...params })).rejects.toThrow(message);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe("add_s3_bucket_tag errors", () => {
  it("leave the task with their message and AWS code, and without the request or response", async () => {
    s3.on(GetBucketTaggingCommand).rejects(leakyAwsError());
    const error = await run({ bucket: "demo-bucket", key: "owner", value: "x", dry_run: false }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect(String((error as Error).message)).toContain("Access Denied");
    expect(leaksSessionToken(error)).toBe(false);
  });
});
