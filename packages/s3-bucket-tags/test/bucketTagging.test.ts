import {
  DeleteBucketTaggingCommand,
  GetBucketTaggingCommand,
  PutBucketTaggingCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { changeBucketTag, readBucketTags, tagChangeReport } from "../src/index";

const s3Mock = mockClient(S3Client);
const s3 = new S3Client({ region: "us-east-1" });

const noSuchTagSet = () =>
  new S3ServiceException({
    name: "NoSuchTagSet",
    message: "The TagSet does not exist",
    $fault: "client",
    $metadata: { httpStatusCode: 404 },
  });

function givenTags(tags: Record<string, string>) {
  s3Mock.on(GetBucketTaggingCommand).resolves({ TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) });
}

function writtenTagSets() {
  return s3Mock.commandCalls(PutBucketTaggingCommand).map((call) => call.args[0].input.Tagging?.TagSet);
}

beforeEach(() => {
  s3Mock.reset();
});

describe("readBucketTags", () => {
  it("reads a bucket without tags as an empty set", async () => {
    s3Mock.on(GetBucketTaggingCommand).rejects(noSuchTagSet());
    await expect(readBucketTags(s3, "b")).resolves.toEqual([]);
  });

  it("passes other errors on", async () => {
    s3Mock.on(GetBucketTaggingCommand).rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied" }));
    await expect(readBucketTags(s3, "b")).rejects.toThrow("Access Denied");
  });
});

describe("changeBucketTag", () => {
  it("writes the new tag together with every existing tag", async () => {
    givenTags({ team: "platform", "cost-center": "cc-1234", env: "prod" });

    const result = await changeBucketTag(s3, "b", { kind: "set", key: "owner", value: "data" }, { dryRun: false });

    expect(result.outcome).toBe("added");
    expect(writtenTagSets()).toEqual([
      [
        { Key: "team", Value: "platform" },
        { Key: "cost-center", Value: "cc-1234" },
        { Key: "env", Value: "prod" },
        { Key: "owner", Value: "data" },
      ],
    ]);
  });

  it("tags a bucket that had none", async () => {
    s3Mock.on(GetBucketTaggingCommand).rejects(noSuchTagSet());
    await changeBucketTag(s3, "b", { kind: "set", key: "owner", value: "data" }, { dryRun: false });
    expect(writtenTagSets()).toEqual([[{ Key: "owner", Value: "data" }]]);
  });

  it("writes nothing when the identical tag is already there", async () => {
    givenTags({ team: "platform" });
    const result = await changeBucketTag(s3, "b", { kind: "set", key: "team", value: "platform" }, { dryRun: false });
    expect(result.outcome).toBe("unchanged");
    expect(s3Mock.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
  });

  it("writes nothing on a dry run, and reports what would change", async () => {
    givenTags({ team: "platform" });
    const result = await changeBucketTag(s3, "b", { kind: "set", key: "team", value: "data" }, { dryRun: true });

    expect(s3Mock.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
    expect(tagChangeReport(result)).toEqual({
      summary: 'Dry run: would update "team" on bucket b from "platform" to "data"; 0 other tags kept.',
      bucket: "b",
      outcome: "updated",
      dry_run: true,
      change: { key: "team", old_value: "platform", new_value: "data" },
      tags_before: [{ key: "team", value: "platform" }],
      tags_after: [{ key: "team", value: "data" }],
    });
  });

  it("deletes the tag set when the last tag is removed, since S3 refuses an empty one", async () => {
    givenTags({ team: "platform" });
    await changeBucketTag(s3, "b", { kind: "remove", key: "team" }, { dryRun: false });
    expect(s3Mock.commandCalls(DeleteBucketTaggingCommand)).toHaveLength(1);
    expect(s3Mock.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
  });

  it("refuses a 51st tag without writing", async () => {
    givenTags(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"])));
    await expect(changeBucketTag(s3, "b", { kind: "set", key: "x", value: "y" }, { dryRun: false })).rejects.toThrow(
      /51 tags/,
    );
    expect(s3Mock.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
  });
});

describe("tagChangeReport", () => {
  it("summarizes an addition", async () => {
    givenTags({ team: "platform", env: "prod" });
    const result = await changeBucketTag(s3, "b", { kind: "set", key: "owner", value: "data" }, { dryRun: false });
    expect(tagChangeReport(result).summary).toBe('Added "owner"="data" to bucket b; 2 other tags kept.');
  });
});
