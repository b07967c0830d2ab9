import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import {
  generateMemberRoles,
  loadTerraformRoles,
  type TaskDescription,
  writeTerraformFiles,
} from "@repo/iam-terraform";
import { DEMO_ACCOUNT_ID, type LocalStack, startLocalStack } from "@repo/local-stack";
import { idToken } from "airplane/auth";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoStackConfig } from "../src/index";

// The member role `npm run iam -- --member-roles` generates, loaded into the stand-in next to the
// committed task roles. The stand-in plays one account, so the task account is the stand-in's and the
// member role is renamed: its generated name, airplane-<slug>, is the task role's own there.
const CHAINING: TaskDescription = {
  slug: "add_s3_bucket_tag",
  roleArnConfigVar: "aws_role_arn_add_s3_bucket_tag",
  statements: [
    {
      why: "Chain into the member accounts' roles, with the run's session tags.",
      actions: ["sts:AssumeRole", "sts:TagSession"],
      resources: ["arn:aws:iam::*:role/airplane-add_s3_bucket_tag"],
    },
  ],
  permissionsFile: "tasks/add_s3_bucket_tag/aws-permissions.json",
};
const MEMBER_ROLE = "member-airplane-add_s3_bucket_tag";
const TAGS = [{ Key: "AirplaneTask", Value: CHAINING.slug }];
let stack: LocalStack;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "member-roles-"));
  writeTerraformFiles(dir, generateMemberRoles([CHAINING], { taskAccountId: DEMO_ACCOUNT_ID }));
  const [member] = loadTerraformRoles(dir, { accountId: DEMO_ACCOUNT_ID }).roles;
  if (!member) throw new Error("generateMemberRoles wrote no role");
  const config = repoStackConfig();
  config.roles.push({ ...member, name: MEMBER_ROLE });
  stack = await startLocalStack({ config });
  for (const [name, value] of Object.entries(stack.awsEnv())) vi.stubEnv(name, value);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
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
  sts.send(new AssumeRoleCommand({ RoleArn: stack.roleArn(MEMBER_ROLE), RoleSessionName: "run1.member", Tags: TAGS }));

describe("a generated member role in the stand-in", () => {
  it("lets the task's own role chain into it with session tags", async () => {
    const response = await chain(await taskSession(CHAINING.slug));
    expect(response.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${DEMO_ACCOUNT_ID}:assumed-role/${MEMBER_ROLE}/run1.member`,
    );
  });

  it("refuses another task's role, naming it", async () => {
    const error = await chain(await taskSession("list_s3_bucket_tags")).catch((caught: Error) => caught);
    expect((error as Error).name).toBe("AccessDenied");
    expect((error as Error).message).toContain(
      `User: arn:aws:sts::${DEMO_ACCOUNT_ID}:assumed-role/airplane-list_s3_bucket_tags/run1 is not authorized to perform: sts:AssumeRole`,
    );
  });
});
