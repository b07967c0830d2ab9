import { createRequire } from "node:module";
import { GetBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import {
  ListTagsForResourceCommand,
  S3ControlClient,
  type Tag,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-s3-control";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RESOLVE_LOCALHOST_PRELOAD } from "../src/index";
import { assumeRole, type Credentials, failureOf, sendSigned, statusOf, useLocalStack } from "./helpers";
import { ADMIN_RUN, testConfig } from "./testConfig";

const stack = useLocalStack({ config: testConfig() });
const ACCOUNT = "123456789012";
let credentials: Credentials;
let control: S3ControlClient;

beforeAll(() => {
  // The SDK sends S3 Control requests to 123456789012.localhost; make this process resolve it.
  createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);
});

beforeEach(async () => {
  ({ credentials } = await assumeRole(stack(), ADMIN_RUN));
  control = new S3ControlClient({ credentials });
});

const arn = (bucket: string) => `arn:aws:s3:::${bucket}`;
const tagResource = (bucket: string, Tags: Tag[], AccountId = ACCOUNT) =>
  control.send(new TagResourceCommand({ AccountId, ResourceArn: arn(bucket), Tags }));
const untagResource = (bucket: string, TagKeys: string[]) =>
  control.send(new UntagResourceCommand({ AccountId: ACCOUNT, ResourceArn: arn(bucket), TagKeys }));
const listTags = async (bucket: string) =>
  (await control.send(new ListTagsForResourceCommand({ AccountId: ACCOUNT, ResourceArn: arn(bucket) }))).Tags;

describe("S3 Control tagging of general purpose buckets", () => {
  it("lists the same tags S3 holds for the bucket", async () => {
    expect(await listTags("demo-bucket")).toEqual([
      { Key: "team", Value: "platform" },
      { Key: "cost-center", Value: "cc-1234" },
    ]);
    expect(await listTags("empty-bucket")).toEqual([]);
  });

  it("adds and updates tags without touching the others, and S3 sees the result", async () => {
    await tagResource("demo-bucket", [
      { Key: "owner", Value: "ops" },
      { Key: "team", Value: "infra" },
    ]);
    expect(stack().bucketTags("demo-bucket")).toEqual({ team: "infra", "cost-center": "cc-1234", owner: "ops" });
    const viaS3 = await new S3Client({ credentials }).send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" }));
    expect(viaS3.TagSet).toContainEqual({ Key: "owner", Value: "ops" });
  });

  it("removes only the keys given, and ignores keys the bucket does not have", async () => {
    await tagResource("protected-logs", [
      { Key: "a", Value: "1" },
      { Key: "b", Value: "2" },
    ]);
    await untagResource("protected-logs", ["a", "not-there"]);
    expect(stack().bucketTags("protected-logs")).toEqual({ retention: "7y", b: "2" });
  });

  it("keeps S3's limit of 50 tags across what the bucket has and what is added", async () => {
    const fill = (count: number, prefix: string) =>
      Array.from({ length: count }, (_, index) => ({ Key: `${prefix}${index}`, Value: "v" }));
    await tagResource("empty-bucket", fill(49, "k"));
    await tagResource("empty-bucket", fill(1, "last"));
    expect(Object.keys(stack().bucketTags("empty-bucket"))).toHaveLength(50);
    // Updating an existing key adds nothing; a new one would make 51.
    await tagResource("empty-bucket", [{ Key: "k0", Value: "changed" }]);
    const error = await failureOf(tagResource("empty-bucket", [{ Key: "one-too-many", Value: "v" }]));
    expect(error.name).toBe("InvalidTag");
    expect(Object.keys(stack().bucketTags("empty-bucket"))).toHaveLength(50);
  });

  it("checks each tag with S3's rules", async () => {
    expect((await failureOf(tagResource("demo-bucket", [{ Key: "aws:x", Value: "v" }]))).name).toBe("InvalidTag");
    expect((await failureOf(tagResource("demo-bucket", [{ Key: "k", Value: "%" }]))).name).toBe("InvalidTag");
  });

  it("is how an ABAC bucket's tags change", async () => {
    await tagResource("abac-bucket", [{ Key: "env", Value: "prod" }]);
    await untagResource("abac-bucket", ["owner"]);
    expect(stack().bucketTags("abac-bucket")).toEqual({ env: "prod" });
  });
});

describe("S3 Control refusals", () => {
  it("refuses another account's ID with AccessDenied", async () => {
    const error = await failureOf(tagResource("demo-bucket", [{ Key: "k", Value: "v" }], "210987654321"));
    expect(error.name).toBe("AccessDenied");
    expect(statusOf(error)).toBe(403);
  });

  it("answers NoSuchBucket for a bucket that does not exist", async () => {
    expect((await failureOf(listTags("no-such-bucket"))).name).toBe("NoSuchBucket");
  });

  it("tags only general purpose bucket ARNs", async () => {
    const error = await failureOf(
      control.send(
        new ListTagsForResourceCommand({
          AccountId: ACCOUNT,
          ResourceArn: `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/my-access-point`,
        }),
      ),
    );
    expect(error.name).toBe("InvalidRequest");
  });

  it("answers errors in S3 Control's shape: <ErrorResponse> around <Error>", async () => {
    const response = await sendSigned(credentials, {
      method: "GET",
      url: `${stack().urls.s3Control}/v20180820/tags/${encodeURIComponent(arn("no-such-bucket"))}`,
      service: "s3",
      headers: { "x-amz-account-id": ACCOUNT },
    });
    expect(response.status).toBe(404);
    expect(response.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><ErrorResponse xmlns="http:\/\/awss3control.amazonaws.com\/doc\/2018-08-20\/"><Error><Code>NoSuchBucket<\/Code>/,
    );
    expect(response.body).toMatch(/<\/Error><RequestId>[A-Z0-9]{16}<\/RequestId><HostId>/);
  });
});
