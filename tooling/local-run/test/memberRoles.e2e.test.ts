import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { DEMO_ACCOUNT_ID, type LocalStack, startLocalStack } from "@repo/local-stack";
import { idToken } from "airplane/auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MEMBER_ACCOUNT_IDS, repoStackConfig } from "../src/index";

// The member roles `npm run iam -- --member-roles` generates, which the stand-in plays in its member
// accounts next to the committed task roles: tag_s3_buckets is the task that chains.
const TASK = "tag_s3_buckets";
const [MEMBER = ""] = MEMBER_ACCOUNT_IDS;
const MEMBER_ROLE = `arn:aws:iam::${MEMBER}:role/airplane-${TASK}`;
const TAGS = [{ Key: "AirplaneTask", Value: TASK }];
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ config: repoStackConfig() });
  for (const [name, value] of Object.entries(stack.awsEnv())) vi.stubEnv(name, value);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await stack.stop();
});

/** The first hop: a run of `taskSlug` assumes its committed task role with its ID token. */
async function taskSession(taskSlug: string): Promise<STSClient> {
  for (const [name, value] of Object.entries(stack.runEnv({ taskSlug }))) vi.stubEnv(name, value);
  const { Credentials } = await new STSClient({ maxAttempts: 1 }).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: stack.roleArn(`airplane-${taskSlug}`),
      RoleSessionName: "run1",
      WebIdentityToken: await idToken("sts.amazonaws.com"),
    }),
  );
  return new STSClient({
    maxAttempts: 1,
    credentials: {
      accessKeyId: Credentials?.AccessKeyId ?? "",
      secretAccessKey: Credentials?.SecretAccessKey ?? "",
      sessionToken: Credentials?.SessionToken ?? "",
    },
  });
}

const chain = (sts: STSClient) =>
  sts.send(new AssumeRoleCommand({ RoleArn: MEMBER_ROLE, RoleSessionName: "run1.member", Tags: TAGS }));

describe("a generated member role in a member account of the stand-in", () => {
  it("lets the task's own role chain into it with session tags", async () => {
    const response = await chain(await taskSession(TASK));
    expect(response.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/airplane-${TASK}/run1.member`);
  });

  it("refuses another task's role, naming it", async () => {
    const error = await chain(await taskSession("list_s3_bucket_tags")).catch((caught: Error) => caught);
    expect((error as Error).name).toBe("AccessDenied");
    expect((error as Error).message).toContain(
      `User: arn:aws:sts::${DEMO_ACCOUNT_ID}:assumed-role/airplane-list_s3_bucket_tags/run1 is not authorized to perform: sts:AssumeRole`,
    );
  });

  it("gets the task's bucket statements, not its own chaining and Organization ones", () => {
    const role = repoStackConfig().roles.find((candidate) => candidate.accountId === MEMBER);
    const actions = (role?.permissionPolicies ?? []).flatMap((policy) =>
      (policy.Statement as Array<{ Action: string | string[] }>).flatMap((statement) => statement.Action),
    );
    expect(actions.sort()).toEqual([
      "s3:GetBucketTagging",
      "s3:ListAllMyBuckets",
      "s3:PutBucketTagging",
      "s3:TagResource",
    ]);
  });
});
