import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { iamDefinitions, iamModel, roleName, valueBinding } from "@repo/iam-terraform";
import { DEMO_SETTINGS, MEMBER_ACCOUNT_IDS, testStackConfig } from "@repo/local-run";
import { DEMO_ACCOUNT_ID, type LocalStack, type RoleConfig, startLocalStack } from "@repo/local-stack";
import { idToken } from "airplane/auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The member roles `npm run iam -- --member-roles` generates for this task, the one that chains,
// which the stand-in plays in its member accounts next to the committed task roles.
const TASK = "tag_s3_buckets";
const [MEMBER = ""] = MEMBER_ACCOUNT_IDS;
const MEMBER_ROLE = `arn:aws:iam::${MEMBER}:role/${roleName(TASK)}`;
const TAGS = [{ Key: "AirplaneTask", Value: TASK }];
// Another task of the task account, whichever tasks the repository keeps: its role as npm run iam generates it.
const OTHER_TASK = "other_task";
let stack: LocalStack;

function otherTaskRoles(): RoleConfig[] {
  const settings = DEMO_SETTINGS;
  const task = { slug: OTHER_TASK, statements: [], permissionsFile: `tasks/${OTHER_TASK}/aws-permissions.json` };
  return iamDefinitions(iamModel([task], settings, valueBinding(settings, DEMO_ACCOUNT_ID))).roles;
}

beforeAll(async () => {
  const config = testStackConfig();
  stack = await startLocalStack({ config: { ...config, roles: [...config.roles, ...otherTaskRoles()] } });
  for (const [name, value] of Object.entries(stack.awsEnv())) vi.stubEnv(name, value);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await stack.stop();
});

/** The first hop: a run of `taskSlug` assumes its task role with its ID token. */
async function taskSession(taskSlug: string): Promise<STSClient> {
  for (const [name, value] of Object.entries(stack.runEnv({ taskSlug }))) vi.stubEnv(name, value);
  const { Credentials } = await new STSClient({ maxAttempts: 1 }).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: stack.roleArn(roleName(taskSlug)),
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

describe("a generated member role of tag_s3_buckets in a member account of the stand-in", () => {
  it("lets the task's own role chain into it with session tags", async () => {
    const response = await chain(await taskSession(TASK));
    expect(response.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/${roleName(TASK)}/run1.member`);
  });

  it("refuses another task's role, naming it", async () => {
    const error = await chain(await taskSession(OTHER_TASK)).catch((caught: Error) => caught);
    expect((error as Error).name).toBe("AccessDenied");
    expect((error as Error).message).toContain(
      `User: arn:aws:sts::${DEMO_ACCOUNT_ID}:assumed-role/${roleName(OTHER_TASK)}/run1 is not authorized to perform: sts:AssumeRole`,
    );
  });

  it("gets the task's bucket statements, not its own chaining and Organization ones", () => {
    const role = testStackConfig().roles.find(
      (candidate) => candidate.accountId === MEMBER && candidate.name === roleName(TASK),
    );
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
