import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { listBucketPages } from "../src/index";

const s3Mock = mockClient(S3Client);

describe("listBucketPages", () => {
  it("follows S3's continuation tokens, passes the prefix to S3, and says which page is the last", async () => {
    s3Mock
      .on(ListBucketsCommand)
      .resolvesOnce({ Buckets: [{ Name: "logs-a", BucketRegion: "us-east-1" }], ContinuationToken: "page-2" })
      .resolvesOnce({ Buckets: [{ Name: "logs-b", BucketRegion: "eu-west-1" }, { Name: "logs-c" }] });

    const pages = [];
    for await (const page of listBucketPages(new S3Client({ region: "us-east-1" }), "logs-")) pages.push(page);

    expect(pages).toEqual([
      { buckets: [{ name: "logs-a", region: "us-east-1" }], last: false },
      { buckets: [{ name: "logs-b", region: "eu-west-1" }, { name: "logs-c" }], last: true },
    ]);
    // The SDK's paginator reuses one input object, so only the last state of it can be checked.
    const calls = s3Mock.commandCalls(ListBucketsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input).toEqual({ Prefix: "logs-", MaxBuckets: 1000, ContinuationToken: "page-2" });
  });
});
