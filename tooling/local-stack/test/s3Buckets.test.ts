import {
  CreateBucketCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  paginateListBuckets,
  S3Client,
} from "@aws-sdk/client-s3";
import { beforeEach, describe, expect, it } from "vitest";
import { assumeRole, type Credentials, failureOf, sendSigned, statusOf, useLocalStack } from "./helpers";
import { ADMIN_RUN, testConfig } from "./testConfig";

const stack = useLocalStack({ config: testConfig() });
let credentials: Credentials;
let s3: S3Client;

beforeEach(async () => {
  ({ credentials } = await assumeRole(stack(), ADMIN_RUN));
  s3 = new S3Client({ credentials });
});

function responseHeaders(error: Record<string, unknown>): Record<string, string> {
  return (error.$response as { headers: Record<string, string> }).headers;
}

describe("buckets live in regions", () => {
  it("answers a request signed for another region with 301 PermanentRedirect and x-amz-bucket-region", async () => {
    const error = await failureOf(s3.send(new GetBucketTaggingCommand({ Bucket: "eu-bucket" })));
    expect(error.name).toBe("PermanentRedirect");
    expect(statusOf(error)).toBe(301);
    expect(responseHeaders(error)["x-amz-bucket-region"]).toBe("eu-west-1");
    expect(error.Endpoint).toBe("s3.eu-west-1.amazonaws.com");
  });

  it("answers HeadBucket from another region with a bare 301 and the region header", async () => {
    const error = await failureOf(s3.send(new HeadBucketCommand({ Bucket: "eu-bucket" })));
    expect(statusOf(error)).toBe(301);
    expect(responseHeaders(error)["x-amz-bucket-region"]).toBe("eu-west-1");
  });

  it("serves the bucket's own region, and the SDK's followRegionRedirects finds it", async () => {
    const inRegion = new S3Client({ credentials, region: "eu-west-1" });
    expect((await inRegion.send(new GetBucketTaggingCommand({ Bucket: "eu-bucket" }))).TagSet).toEqual([
      { Key: "team", Value: "data" },
    ]);
    const following = new S3Client({ credentials, followRegionRedirects: true });
    expect((await following.send(new GetBucketTaggingCommand({ Bucket: "eu-bucket" }))).TagSet).toHaveLength(1);
  });

  it("answers HeadBucket with the bucket's region", async () => {
    const head = await s3.send(new HeadBucketCommand({ Bucket: "demo-bucket" }));
    expect(head.BucketRegion).toBe("us-east-1");
    expect(head.AccessPointAlias).toBe(false);
  });

  it("answers HeadBucket for a missing bucket with a bare 404 (NotFound)", async () => {
    const error = await failureOf(s3.send(new HeadBucketCommand({ Bucket: "no-such-bucket" })));
    expect(error.name).toBe("NotFound");
    expect(statusOf(error)).toBe(404);
  });

  it("answers GetBucketLocation from any region; us-east-1 is an empty constraint", async () => {
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: "eu-bucket" }))).LocationConstraint).toBe("eu-west-1");
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: "demo-bucket" }))).LocationConstraint).toBeFalsy();
  });
});

describe("ListBuckets", () => {
  it("lists every bucket with its region, ordered by name", async () => {
    const listing = await s3.send(new ListBucketsCommand({}));
    expect(listing.Buckets?.map((bucket) => [bucket.Name, bucket.BucketRegion])).toEqual([
      ["abac-bucket", "us-east-1"],
      ["demo-bucket", "us-east-1"],
      ["empty-bucket", "us-east-1"],
      ["eu-bucket", "eu-west-1"],
      ["protected-logs", "us-east-1"],
    ]);
    expect(listing.Buckets?.[0]?.CreationDate).toBeInstanceOf(Date);
    expect(listing.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(listing.ContinuationToken).toBeUndefined();
  });

  it("filters by prefix and by region", async () => {
    const prefixed = await s3.send(new ListBucketsCommand({ Prefix: "e" }));
    expect(prefixed.Buckets?.map((bucket) => bucket.Name)).toEqual(["empty-bucket", "eu-bucket"]);
    expect(prefixed.Prefix).toBe("e");
    const european = await s3.send(new ListBucketsCommand({ BucketRegion: "eu-west-1" }));
    expect(european.Buckets?.map((bucket) => bucket.Name)).toEqual(["eu-bucket"]);
  });

  it("pages with max-buckets and continuation-token, as the SDK's paginator follows them", async () => {
    const first = await s3.send(new ListBucketsCommand({ MaxBuckets: 2 }));
    expect(first.Buckets?.map((bucket) => bucket.Name)).toEqual(["abac-bucket", "demo-bucket"]);
    expect(first.ContinuationToken).toBeTruthy();

    const pages: string[][] = [];
    for await (const page of paginateListBuckets({ client: s3, pageSize: 2 }, {})) {
      pages.push((page.Buckets ?? []).map((bucket) => bucket.Name ?? ""));
    }
    expect(pages).toEqual([["abac-bucket", "demo-bucket"], ["empty-bucket", "eu-bucket"], ["protected-logs"]]);
  });

  it("refuses a bad max-buckets or continuation token with InvalidArgument", async () => {
    expect((await failureOf(s3.send(new ListBucketsCommand({ MaxBuckets: 0 })))).name).toBe("InvalidArgument");
    const error = await failureOf(s3.send(new ListBucketsCommand({ ContinuationToken: "made-up" })));
    expect(error.name).toBe("InvalidArgument");
  });
});

describe("CreateBucket", () => {
  it("creates a bucket in the region of the endpoint, named by LocationConstraint outside us-east-1", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "new-us-bucket" }));
    const inEurope = new S3Client({ credentials, region: "eu-central-1" });
    await inEurope.send(
      new CreateBucketCommand({
        Bucket: "new-eu-bucket",
        CreateBucketConfiguration: { LocationConstraint: "eu-central-1" },
      }),
    );
    expect((await s3.send(new HeadBucketCommand({ Bucket: "new-us-bucket" }))).BucketRegion).toBe("us-east-1");
    expect((await inEurope.send(new HeadBucketCommand({ Bucket: "new-eu-bucket" }))).BucketRegion).toBe("eu-central-1");
    expect(stack().bucketTags("new-eu-bucket")).toEqual({});
  });

  it("refuses a location constraint that is not the endpoint's region", async () => {
    const error = await failureOf(
      s3.send(
        new CreateBucketCommand({
          Bucket: "misplaced",
          CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
        }),
      ),
    );
    expect(error.name).toBe("IllegalLocationConstraintException");
    expect(error.message).toMatch(/^The eu-west-1 location constraint is incompatible/);
  });

  it("refuses a bucket without LocationConstraint outside us-east-1, and us-east-1 named explicitly", async () => {
    // The SDK fills in LocationConstraint from the client's region, so these go by hand.
    const unspecified = await sendSigned(credentials, {
      method: "PUT",
      url: `${stack().urls.s3}/misplaced`,
      service: "s3",
      region: "eu-west-1",
    });
    expect(unspecified.status).toBe(400);
    expect(unspecified.body).toContain("<Code>IllegalLocationConstraintException</Code>");
    expect(unspecified.body).toContain("The unspecified location constraint is incompatible");

    // us-east-1 is no valid LocationConstraint (the SDK's types leave it out too).
    const explicit = await sendSigned(credentials, {
      method: "PUT",
      url: `${stack().urls.s3}/misplaced`,
      service: "s3",
      body: "<CreateBucketConfiguration><LocationConstraint>us-east-1</LocationConstraint></CreateBucketConfiguration>",
    });
    expect(explicit.body).toContain("<Code>InvalidLocationConstraint</Code>");
  });

  it("refuses a bucket it already has, and an invalid name", async () => {
    const taken = await failureOf(s3.send(new CreateBucketCommand({ Bucket: "demo-bucket" })));
    expect(taken.name).toBe("BucketAlreadyOwnedByYou");
    expect(statusOf(taken)).toBe(409);
    // (The SDK itself rejects some invalid names, such as xn--…, before sending anything.)
    for (const Bucket of ["ab", "Upper-Case", "192.168.0.1", "bucket-s3alias", "a..b"]) {
      expect((await failureOf(s3.send(new CreateBucketCommand({ Bucket })))).name).toBe("InvalidBucketName");
    }
  });
});
