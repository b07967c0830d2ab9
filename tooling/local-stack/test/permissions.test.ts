import { createRequire } from "node:module";
import {
  CreateBucketCommand,
  DeleteBucketTaggingCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketTaggingCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { ListTagsForResourceCommand, S3ControlClient, TagResourceCommand } from "@aws-sdk/client-s3-control";
import { GetRoleCommand, IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { beforeAll, describe, expect, it } from "vitest";
import { RESOLVE_LOCALHOST_PRELOAD } from "../src/index";
import { assumeRole, type Credentials, DEMO_TASK, failureOf, statusOf, useLocalStack } from "./helpers";
import { teamRole, testConfig } from "./testConfig";

function permissionsConfig() {
  const config = testConfig();
  config.roles.push(
    teamRole("platform_owned_only", [
      {
        Effect: "Allow",
        Action: "s3:GetBucketTagging",
        Resource: "*",
        Condition: { StringEquals: { "aws:ResourceTag/owner": "platform" } },
      },
    ]),
  );
  config.buckets.push({ name: "platform-plain", tags: { owner: "platform" } });
  return config;
}

const stack = useLocalStack({ config: permissionsConfig() });

beforeAll(() => {
  createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);
});

async function credentialsFor(roleName: string, roleSessionName = "perm-test"): Promise<Credentials> {
  const run = roleName === DEMO_TASK ? { taskSlug: DEMO_TASK } : { taskSlug: "some_task", roleName };
  return (await assumeRole(stack(), run, { roleSessionName })).credentials;
}

const bucket = { Bucket: "demo-bucket" };
const bucketArn = { AccountId: "123456789012", ResourceArn: "arn:aws:s3:::demo-bucket" };

describe("the demo role: s3:GetBucketTagging and s3:PutBucketTagging on arn:aws:s3:::*", () => {
  it("may read, replace and delete bucket tags (DeleteBucketTagging needs s3:PutBucketTagging)", async () => {
    const s3 = new S3Client({ credentials: await credentialsFor(DEMO_TASK) });
    await s3.send(new PutBucketTaggingCommand({ ...bucket, Tagging: { TagSet: [{ Key: "k", Value: "v" }] } }));
    expect((await s3.send(new GetBucketTaggingCommand(bucket))).TagSet).toEqual([{ Key: "k", Value: "v" }]);
    await s3.send(new DeleteBucketTaggingCommand(bucket));
    expect(stack().bucketTags("demo-bucket")).toEqual({});
  });

  it("may ask who it is: GetCallerIdentity needs no permission", async () => {
    const identity = await new STSClient({ credentials: await credentialsFor("no_permissions") }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Arn).toMatch(/assumed-role\/no_permissions\/perm-test$/);
  });

  it("says who was refused what, on which resource, and why", async () => {
    const control = new S3ControlClient({ credentials: await credentialsFor(DEMO_TASK, "run42") });
    const error = await failureOf(
      control.send(new TagResourceCommand({ ...bucketArn, Tags: [{ Key: "k", Value: "v" }] })),
    );
    expect(error.name).toBe("AccessDenied");
    expect(statusOf(error)).toBe(403);
    expect(error.message).toBe(
      "User: arn:aws:sts::123456789012:assumed-role/add_s3_bucket_tag/run42 is not authorized to perform: " +
        "s3:TagResource on resource: arn:aws:s3:::demo-bucket because no identity-based policy allows the " +
        "s3:TagResource action",
    );
  });

  it.each([
    ["s3:ListBucket (HeadBucket)", (s3: S3Client) => s3.send(new HeadBucketCommand(bucket)), 403],
    ["s3:GetBucketLocation", (s3: S3Client) => s3.send(new GetBucketLocationCommand(bucket)), 403],
    ["s3:ListAllMyBuckets (ListBuckets)", (s3: S3Client) => s3.send(new ListBucketsCommand({})), 403],
    ["s3:CreateBucket", (s3: S3Client) => s3.send(new CreateBucketCommand({ Bucket: "new-bucket" })), 403],
  ])("lacks %s", async (_label, call, status) => {
    const error = await failureOf(call(new S3Client({ credentials: await credentialsFor(DEMO_TASK) })));
    expect(statusOf(error)).toBe(status);
  });

  it("lacks s3:ListTagsForResource, iam:ListRoles and iam:GetRole", async () => {
    const credentials = await credentialsFor(DEMO_TASK);
    const control = new S3ControlClient({ credentials });
    const iam = new IAMClient({ credentials });
    const errors = [
      await failureOf(control.send(new ListTagsForResourceCommand(bucketArn))),
      await failureOf(iam.send(new ListRolesCommand({}))),
      await failureOf(iam.send(new GetRoleCommand({ RoleName: DEMO_TASK }))),
    ];
    expect(errors.map((error) => error.name)).toEqual(["AccessDenied", "AccessDenied", "AccessDenied"]);
    expect(errors[1]?.message).toMatch(/iam:ListRoles on resource: arn:aws:iam::123456789012:role\//);
    expect(errors[2]?.message).toMatch(/iam:GetRole on resource: arn:aws:iam::123456789012:role\/add_s3_bucket_tag /);
  });
});

describe("an explicit Deny", () => {
  it("wins over an Allow, for PutBucketTagging and so for DeleteBucketTagging", async () => {
    const s3 = new S3Client({ credentials: await credentialsFor("tagger_except_protected") });
    const put = new PutBucketTaggingCommand({ Bucket: "protected-logs", Tagging: { TagSet: [] } });
    const putError = await failureOf(s3.send(put));
    expect(putError.name).toBe("AccessDenied");
    expect(putError.message).toMatch(/with an explicit deny in an identity-based policy$/);
    expect((await failureOf(s3.send(new DeleteBucketTaggingCommand({ Bucket: "protected-logs" })))).name).toBe(
      "AccessDenied",
    );
    expect(stack().bucketTags("protected-logs")).toEqual({ retention: "7y" });
    // The Allow still applies where the Deny does not reach.
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: "protected-logs" }))).TagSet).toHaveLength(1);
  });
});

describe("a role without any permission policy", () => {
  it("is denied by default", async () => {
    const s3 = new S3Client({ credentials: await credentialsFor("no_permissions") });
    const error = await failureOf(s3.send(new GetBucketTaggingCommand({ Bucket: "abac-bucket" })));
    expect(error.message).toMatch(/because no identity-based policy allows the s3:GetBucketTagging action$/);
  });
});

describe("ABAC: aws:ResourceTag conditions", () => {
  it("see the tags of a bucket with ABAC enabled, and of no other", async () => {
    const s3 = new S3Client({ credentials: await credentialsFor("platform_owned_only") });
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: "abac-bucket" }))).TagSet).toEqual([
      { Key: "owner", Value: "platform" },
    ]);
    // The same tag on a bucket without ABAC does not count.
    const error = await failureOf(s3.send(new GetBucketTaggingCommand({ Bucket: "platform-plain" })));
    expect(error.name).toBe("AccessDenied");
  });
});
