import { createRequire } from "node:module";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { GetBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { ListTagsForResourceCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RESOLVE_LOCALHOST_PRELOAD } from "../src/index";
import { assumeRole, type Credentials, failureOf, statusOf, tamper, useLocalStack } from "./helpers";
import { ADMIN_RUN, testConfig } from "./testConfig";

const stack = useLocalStack({ config: testConfig() });
let issued: Credentials;

beforeAll(() => {
  createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);
});

beforeEach(async () => {
  ({ credentials: issued } = await assumeRole(stack(), ADMIN_RUN));
});

/** One signed call per service, made with the real client and the given credentials. */
const calls = {
  s3: (credentials: Credentials) =>
    new S3Client({ credentials }).send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" })),
  s3Control: (credentials: Credentials) =>
    new S3ControlClient({ credentials }).send(
      new ListTagsForResourceCommand({ AccountId: "123456789012", ResourceArn: "arn:aws:s3:::demo-bucket" }),
    ),
  sts: (credentials: Credentials) => new STSClient({ credentials }).send(new GetCallerIdentityCommand({})),
  iam: (credentials: Credentials) => new IAMClient({ credentials }).send(new ListRolesCommand({})),
};

describe("SigV4 verification against the credentials STS issued", () => {
  it.each([
    ["s3", "InvalidAccessKeyId", 403],
    ["s3Control", "InvalidAccessKeyId", 403],
    ["sts", "InvalidClientTokenId", 403],
    ["iam", "InvalidClientTokenId", 403],
  ] as const)("%s refuses an access key STS never issued with %s", async (service, code, status) => {
    const unknown = { ...issued, accessKeyId: "ASIAUNKNOWNKEY000000" };
    const error = await failureOf(calls[service](unknown));
    expect(error.name).toBe(code);
    expect(statusOf(error)).toBe(status);
  });

  it.each(["s3", "s3Control", "sts", "iam"] as const)(
    "%s refuses a tampered secret key with SignatureDoesNotMatch",
    async (service) => {
      const tampered = { ...issued, secretAccessKey: tamper(issued.secretAccessKey) };
      const error = await failureOf(calls[service](tampered));
      expect(error.name).toBe("SignatureDoesNotMatch");
      expect(statusOf(error)).toBe(403);
    },
  );

  it.each([
    ["s3", "InvalidToken"],
    ["s3Control", "InvalidToken"],
    ["sts", "InvalidClientTokenId"],
    ["iam", "InvalidClientTokenId"],
  ] as const)("%s refuses another session's token with %s", async (service, code) => {
    const { credentials: other } = await assumeRole(stack(), ADMIN_RUN);
    const error = await failureOf(calls[service]({ ...issued, sessionToken: other.sessionToken }));
    expect(error.name).toBe(code);
  });

  it("logs the access key of a refused request, and its error code", async () => {
    stack().resetLog();
    await failureOf(calls.s3({ ...issued, secretAccessKey: "x".repeat(40) }));
    expect(stack().requests).toEqual([
      expect.objectContaining({
        service: "s3",
        operation: "GetBucketTagging",
        status: 403,
        errorCode: "SignatureDoesNotMatch",
        accessKeyId: issued.accessKeyId,
      }),
    ]);
  });
});

describe("requests the SDK would never send (the rest is in sigv4Tampering.test.ts)", () => {
  it("answers an unsigned STS request in the query protocol's error shape", async () => {
    const sts = await fetch(stack().urls.sts, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(sts.status).toBe(403);
    const body = await sts.text();
    expect(body).toContain("<Type>Sender</Type><Code>MissingAuthenticationToken</Code>");
    expect(body).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  it.each(["eu-west-1", "bogus"])("STS refuses a credential scoped to region %s, not its own", async (region) => {
    const error = await failureOf(
      new STSClient({ credentials: issued, region }).send(new GetCallerIdentityCommand({})),
    );
    expect(error.name).toBe("SignatureDoesNotMatch");
    expect(error.message).toBe(`Credential should be scoped to a valid region, not '${region}'. `);
    expect(statusOf(error)).toBe(403);
  });
});
