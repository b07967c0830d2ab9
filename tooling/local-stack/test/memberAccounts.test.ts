import { CreateBucketCommand, GetBucketTaggingCommand, ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient, TagResourceCommand } from "@aws-sdk/client-s3-control";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { demoConfig, type LocalStackConfig, RESOLVE_LOCALHOST_PRELOAD, type RoleConfig } from "../src/index";
import { assumeRole, type Credentials, DEMO_TASK, failureOf, useLocalStack } from "./helpers";

const TASK_ACCOUNT = "123456789012";
const MEMBER = "222222222222";
const TASK_ROLE = `arn:aws:iam::${TASK_ACCOUNT}:role/${DEMO_TASK}`;
const memberArn = (name: string) => `arn:aws:iam::${MEMBER}:role/${name}`;

/** A role of the member account that the task's role may chain into, allowed to work with buckets and list roles. */
function memberRole(name: string): RoleConfig {
  return {
    name,
    accountId: MEMBER,
    trustPolicy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: TASK_ROLE }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
    },
    permissionPolicies: [
      {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:*", "iam:ListRoles"], Resource: "*" }],
      },
    ],
  };
}

/**
 * The demo account as the task account, whose role may chain into `member` of account 222222222222
 * but not into `unpermitted` (its own policies do not allow it, though that role trusts it).
 */
function config(): LocalStackConfig {
  const base = demoConfig();
  const [taskRole] = base.roles;
  taskRole?.permissionPolicies?.push({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession"], Resource: memberArn("member") },
      { Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
    ],
  });
  base.roles.push(memberRole("member"), memberRole("unpermitted"));
  base.buckets.push({ name: "member-logs", accountId: MEMBER, tags: { team: "member" } });
  return base;
}

const stack = useLocalStack({ config: config() });

beforeAll(() => {
  // The SDK sends S3 Control requests to <account>.localhost; make this process resolve it.
  createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);
});

/** The task's own session, then AssumeRole into a role of the member account. */
async function chain(roleName: string, tags = [{ Key: "AirplaneTask", Value: DEMO_TASK }]) {
  const { credentials } = await assumeRole(stack(), { taskSlug: DEMO_TASK });
  const response = await new STSClient({ credentials }).send(
    new AssumeRoleCommand({ RoleArn: memberArn(roleName), RoleSessionName: "run1.member", Tags: tags }),
  );
  const { AccessKeyId = "", SecretAccessKey = "", SessionToken = "" } = response.Credentials ?? {};
  return {
    task: credentials,
    member: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken },
    response,
  };
}

const s3 = (credentials: Credentials) => new S3Client({ credentials, forcePathStyle: true });

describe("the stand-in playing a member account", () => {
  it("lets the task's role chain into a role of another account when both sides allow it", async () => {
    const { member, response } = await chain("member");
    expect(response.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/member/run1.member`);
    const identity = await new STSClient({ credentials: member }).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(MEMBER);
  });

  it("refuses a role of another account that trusts the task's role when the task's own policies do not allow it", async () => {
    const error = await failureOf(chain("unpermitted"));
    expect(error.name).toBe("AccessDenied");
    expect(error.message).toMatch(
      new RegExp(
        `assumed-role/${DEMO_TASK}/.* is not authorized to perform: sts:AssumeRole on resource: ` +
          `${memberArn("unpermitted")} because no identity-based policy allows the sts:AssumeRole action`,
      ),
    );
  });

  it("lists each account's buckets to its own callers only", async () => {
    const { task, member } = await chain("member");
    const names = async (credentials: Credentials) =>
      ((await s3(credentials).send(new ListBucketsCommand({}))).Buckets ?? []).map((bucket) => bucket.Name);
    expect(await names(member)).toEqual(["member-logs"]);
    expect(await names(task)).toEqual(["demo-bucket"]);
  });

  it("refuses another account's bucket, as S3 does without a bucket policy", async () => {
    const { member } = await chain("member");
    const error = await failureOf(s3(member).send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" })));
    expect(error.name).toBe("AccessDenied");
    expect(error.message).toContain(
      "s3:GetBucketTagging on resource: arn:aws:s3:::demo-bucket because no resource-based policy allows",
    );
    const own = await s3(member).send(new GetBucketTaggingCommand({ Bucket: "member-logs" }));
    expect(own.TagSet).toEqual([{ Key: "team", Value: "member" }]);
  });

  it("keeps bucket names global: another account's name is taken", async () => {
    const { member } = await chain("member");
    const error = await failureOf(s3(member).send(new CreateBucketCommand({ Bucket: "demo-bucket" })));
    expect(error.name).toBe("BucketAlreadyExists");
  });

  it("takes S3 Control tagging for the caller's own account only", async () => {
    const { member } = await chain("member");
    const control = new S3ControlClient({ credentials: member });
    const tag = (AccountId: string, bucket: string) =>
      control.send(
        new TagResourceCommand({ AccountId, ResourceArn: `arn:aws:s3:::${bucket}`, Tags: [{ Key: "k", Value: "v" }] }),
      );
    await tag(MEMBER, "member-logs");
    expect(stack().bucketTags("member-logs")).toEqual({ team: "member", k: "v" });
    await expect(failureOf(tag(TASK_ACCOUNT, "member-logs"))).resolves.toMatchObject({ name: "AccessDenied" });
    await expect(failureOf(tag(MEMBER, "demo-bucket"))).resolves.toMatchObject({ name: "AccessDenied" });
  });

  it("answers IAM with the caller's account's roles", async () => {
    const { member } = await chain("member");
    const { Roles = [] } = await new IAMClient({ credentials: member }).send(new ListRolesCommand({}));
    expect(Roles.map((role) => role.Arn)).toEqual([memberArn("member"), memberArn("unpermitted")]);
  });
});
