import {
  DeleteBucketTaggingCommand,
  GetBucketTaggingCommand,
  NoSuchBucket,
  PutBucketTaggingCommand,
  S3Client,
  type Tag,
} from "@aws-sdk/client-s3";
import { beforeEach, describe, expect, it } from "vitest";
import { assumeRole, type Credentials, failureOf, sendSigned, statusOf, useLocalStack } from "./helpers";
import { ADMIN_RUN, testConfig } from "./testConfig";

const stack = useLocalStack({ config: testConfig() });
let s3: S3Client;
let credentials: Credentials;

beforeEach(async () => {
  ({ credentials } = await assumeRole(stack(), ADMIN_RUN));
  s3 = new S3Client({ credentials });
});

const tags = (count: number, prefix = "key"): Tag[] =>
  Array.from({ length: count }, (_, index) => ({ Key: `${prefix}-${index}`, Value: `value-${index}` }));

const put = (Bucket: string, TagSet: Tag[]) => s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet } }));
const get = async (Bucket: string) => (await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet;

describe("GetBucketTagging", () => {
  it("returns the bucket's tags", async () => {
    expect(await get("demo-bucket")).toEqual([
      { Key: "team", Value: "platform" },
      { Key: "cost-center", Value: "cc-1234" },
    ]);
  });

  it("answers NoSuchTagSet (404) for a bucket without tags", async () => {
    const error = await failureOf(get("empty-bucket"));
    expect(error.name).toBe("NoSuchTagSet");
    expect(error.message).toBe("The TagSet does not exist");
    expect(statusOf(error)).toBe(404);
  });

  it("answers NoSuchBucket (404) for a bucket that does not exist", async () => {
    const error = await failureOf(get("no-such-bucket"));
    expect(error).toBeInstanceOf(NoSuchBucket);
    expect(error.BucketName).toBe("no-such-bucket");
    expect(statusOf(error)).toBe(404);
  });
});

describe("PutBucketTagging", () => {
  it("replaces the whole tag set", async () => {
    await put("protected-logs", [{ Key: "new", Value: "set" }]);
    expect(stack().bucketTags("protected-logs")).toEqual({ new: "set" });
    expect(await get("protected-logs")).toEqual([{ Key: "new", Value: "set" }]);
  });

  it("keeps values exactly: empty, spaces, the allowed punctuation, other scripts", async () => {
    const set = [
      { Key: "empty", Value: "" },
      { Key: " padded ", Value: "  two spaces  " },
      { Key: "punctuation_.:/=+-@", Value: "a=b+c@d/e:f" },
      { Key: "équipe", Value: "données" },
    ];
    await put("empty-bucket", set);
    expect(await get("empty-bucket")).toEqual(set);
  });

  it("accepts 50 tags and refuses 51", async () => {
    await put("empty-bucket", tags(50));
    expect(Object.keys(stack().bucketTags("empty-bucket"))).toHaveLength(50);

    const error = await failureOf(put("empty-bucket", tags(51)));
    expect(error.name).toBe("InvalidTag");
    expect(error.message).toBe("Bucket tag count cannot be greater than 50");
    expect(Object.keys(stack().bucketTags("empty-bucket"))).toHaveLength(50);
  });

  it.each([
    [
      "a duplicate key",
      [
        { Key: "a", Value: "1" },
        { Key: "a", Value: "2" },
      ],
      "Cannot provide multiple Tags with the same key",
    ],
    ["an empty key", [{ Key: "", Value: "v" }], "The TagKey you have provided is invalid"],
    ["a 129-character key", [{ Key: "k".repeat(129), Value: "v" }], "The TagKey you have provided is invalid"],
    ["a key with a forbidden character", [{ Key: "a*b", Value: "v" }], "The TagKey you have provided is invalid"],
    ["a 257-character value", [{ Key: "k", Value: "v".repeat(257) }], "The TagValue you have provided is invalid"],
    ["a value with a forbidden character", [{ Key: "k", Value: "50%" }], "The TagValue you have provided is invalid"],
    [
      "the reserved aws: prefix",
      [{ Key: "aws:createdBy", Value: "me" }],
      "System tags cannot be added/updated by requester",
    ],
  ])("refuses %s with InvalidTag and changes nothing", async (_label, set, message) => {
    const before = stack().bucketTags("demo-bucket");
    const error = await failureOf(put("demo-bucket", set));
    expect(error.name).toBe("InvalidTag");
    expect(error.message).toBe(message);
    expect(statusOf(error)).toBe(400);
    expect(stack().bucketTags("demo-bucket")).toEqual(before);
  });

  it("accepts keys of 128 and values of 256 characters, counted as characters", async () => {
    await put("empty-bucket", [{ Key: "é".repeat(128), Value: "ü".repeat(256) }]);
    expect(stack().bucketTags("empty-bucket")).toEqual({ ["é".repeat(128)]: "ü".repeat(256) });
  });

  it("answers NoSuchBucket for a bucket that does not exist", async () => {
    expect((await failureOf(put("no-such-bucket", tags(1)))).name).toBe("NoSuchBucket");
  });
});

describe("PutBucketTagging's body, sent by hand", () => {
  const putRaw = (body: string, headers: Record<string, string>) =>
    sendSigned(credentials, {
      method: "PUT",
      url: `${stack().urls.s3}/demo-bucket?tagging`,
      service: "s3",
      headers: { "content-type": "application/xml", ...headers },
      body,
    });
  const valid = "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>";

  it("checks the CRC32 checksum the SDK sends by default", async () => {
    const response = await putRaw(valid, { "x-amz-checksum-crc32": "AAAAAA==" });
    expect(response.status).toBe(400);
    expect(response.body).toContain("<Code>BadDigest</Code>");
  });

  it("checks a Content-MD5, the older integrity header", async () => {
    const response = await putRaw(valid, { "content-md5": "1B2M2Y8AsgTpgAmY7PhCfg==" });
    expect(response.body).toContain("<Code>BadDigest</Code>");
  });

  it("requires a checksum", async () => {
    const response = await putRaw(valid, {});
    expect(response.status).toBe(400);
    expect(response.body).toContain("<Code>InvalidRequest</Code>");
    expect(response.body).toContain("Content-MD5 OR x-amz-checksum- HTTP header is required");
  });

  it.each([
    ["not well-formed", "<Tagging><TagSet>"],
    ["without a TagSet", "<Tagging></Tagging>"],
    ["a tag without a value", "<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>"],
    ["another document", "<Other/>"],
  ])("answers MalformedXML for a body %s", async (_label, body) => {
    const md5 = (await import("node:crypto")).createHash("md5").update(body).digest("base64");
    const response = await putRaw(body, { "content-md5": md5 });
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Error><Code>MalformedXML<\/Code>/);
    expect(response.headers.get("x-amz-request-id")).toMatch(/^[A-Z0-9]{16}$/);
  });
});

describe("DeleteBucketTagging", () => {
  it("removes every tag, after which GetBucketTagging answers NoSuchTagSet", async () => {
    await put("empty-bucket", tags(3));
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: "empty-bucket" }));
    expect(stack().bucketTags("empty-bucket")).toEqual({});
    expect((await failureOf(get("empty-bucket"))).name).toBe("NoSuchTagSet");
  });
});

describe("a bucket with ABAC enabled", () => {
  it("refuses PutBucketTagging and DeleteBucketTagging, and still answers GetBucketTagging", async () => {
    const putError = await failureOf(put("abac-bucket", tags(1)));
    const deleteError = await failureOf(s3.send(new DeleteBucketTaggingCommand({ Bucket: "abac-bucket" })));
    for (const error of [putError, deleteError]) {
      expect(error.name).toBe("InvalidRequest");
      expect(error.message).toMatch(/ABAC enabled: use the S3 Control TagResource and UntagResource/);
    }
    expect(await get("abac-bucket")).toEqual([{ Key: "owner", Value: "platform" }]);
  });
});
