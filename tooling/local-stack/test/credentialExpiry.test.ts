import { createRequire } from "node:module";
import { GetBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { ListTagsForResourceCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { RESOLVE_LOCALHOST_PRELOAD } from "../src/index";
import { assumeRole, failureOf, statusOf, useLocalStack } from "./helpers";
import { ADMIN_RUN, testConfig } from "./testConfig";

const stack = useLocalStack({ config: testConfig(), credentialLifetimeSeconds: 1 });

beforeAll(() => {
  createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("expired credentials", () => {
  it("are refused by every signed service with ExpiredToken, in each service's own shape", async () => {
    // Only Date is faked: the stand-in and the SDK share the clock, which the test moves on.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const { credentials } = await assumeRole(stack(), ADMIN_RUN);
    // Static credentials: nothing renews them. Move past their expiry.
    vi.setSystemTime((credentials.expiration?.getTime() ?? 0) + 1);

    const [s3, control, sts, iam] = [
      await failureOf(new S3Client({ credentials }).send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" }))),
      await failureOf(
        new S3ControlClient({ credentials }).send(
          new ListTagsForResourceCommand({ AccountId: "123456789012", ResourceArn: "arn:aws:s3:::demo-bucket" }),
        ),
      ),
      await failureOf(new STSClient({ credentials }).send(new GetCallerIdentityCommand({}))),
      await failureOf(new IAMClient({ credentials }).send(new ListRolesCommand({}))),
    ];
    expect([s3, control, sts, iam].map((error) => error.name)).toEqual([
      "ExpiredToken",
      "ExpiredToken",
      "ExpiredToken",
      "ExpiredToken",
    ]);
    expect(s3.message).toBe("The provided token has expired.");
    expect(statusOf(s3)).toBe(400);
    expect(sts.message).toBe("The security token included in the request is expired");
    expect(statusOf(sts)).toBe(403);
  });
});
