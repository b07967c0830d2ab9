import { createRequire } from "node:module";
import { GetBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { RESOLVE_LOCALHOST_PRELOAD } from "../src/index";
import { assumeRole, failureOf, statusOf, useLocalStack } from "./helpers";
import { ADMIN_RUN, testConfig } from "./testConfig";

// The stand-in playing an S3-compatible store (MinIO, Ceph…): S3 behind a host name, path style
// only, and no S3 Control endpoint for anyone to find.
const stack = useLocalStack({ config: testConfig(), s3Compatible: true });

beforeAll(() => {
  createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);
});

const readDemoTags = async (forcePathStyle: boolean) => {
  const { credentials } = await assumeRole(stack(), ADMIN_RUN);
  return new S3Client({ credentials, forcePathStyle }).send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" }));
};

describe("local-stack as an S3-compatible store", () => {
  it("hands out a host name S3 endpoint with path style, and no S3 Control endpoint", () => {
    const env = stack().awsEnv();
    expect(env.AWS_ENDPOINT_URL_S3).toMatch(/^http:\/\/s3\.localhost:\d+$/);
    expect(env.AWS_S3_FORCE_PATH_STYLE).toBe("true");
    expect(env).not.toHaveProperty("AWS_ENDPOINT_URL_S3_CONTROL");
    expect(stack().urls.s3Control).toBeUndefined();
  });

  it("answers a path-style request to its host name", async () => {
    const { TagSet } = await readDemoTags(true);
    expect(TagSet).toContainEqual({ Key: "team", Value: "platform" });
  });

  it("refuses a virtual-hosted request, naming the bucket and the setting to change", async () => {
    const error = await failureOf(readDemoTags(false));
    expect(error.name).toBe("NotImplemented");
    expect(statusOf(error)).toBe(501);
    expect(error.message).toMatch(/path-style requests only .*names bucket "demo-bucket" in its host name/);
    expect(error.message).toContain("AWS_S3_FORCE_PATH_STYLE=true");
  });
});
