import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import {
  demoConfig,
  type LocalStack,
  type LocalStackConfig,
  type RoleConfig,
  startLocalStack,
} from "@repo/local-stack";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AwsAuthError, awsClientSettings, fromChainedRole } from "../src/index";

// Chaining end to end on the stand-in (tooling/local-stack): the task's OIDC role, then a role per
// "member". The stand-in plays one account, so the members are roles of it; STS sees the same calls.
const DEMO_TASK = "add_s3_bucket_tag";
const ACCOUNT = "123456789012";
const TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/add_s3_bucket_tag`;
const MEMBERS = ["member_a", "member_b", "member_c"];
const arnOf = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

function memberRole(name: string, trusted: string): RoleConfig {
  return {
    name,
    trustPolicy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: trusted }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
    },
    permissionPolicies: [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }] },
    ],
  };
}

function config(): LocalStackConfig {
  const base = demoConfig();
  base.roles.push(
    ...MEMBERS.map((name) => memberRole(name, TASK_ROLE)),
    memberRole("member_of_another_task", arnOf("airplane-list_s3_bucket_tags")),
  );
  return base;
}

let started: LocalStack | undefined;
const stack = (): LocalStack => {
  if (!started) throw new Error("The stand-in has not started.");
  return started;
};
beforeAll(async () => {
  started = await startLocalStack({ config: config() });
});
afterAll(async () => {
  await started?.stop();
});
beforeEach(() => {
  for (const [name, value] of Object.entries(stack().awsEnv())) vi.stubEnv(name, value);
});
afterEach(() => {
  stack().clearFaults();
  vi.unstubAllEnvs();
});

/** The variables Airplane gives a run of the demo task, pointing at the stand-in. */
function runOfDemoTask(): void {
  const env = stack().runEnv({ taskSlug: DEMO_TASK });
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

const count = (operation: string) => stack().requests.filter((entry) => entry.operation === operation).length;

describe("fromChainedRole on the stand-in", () => {
  it("makes one token fetch, one AssumeRoleWithWebIdentity and one AssumeRole per member, for many calls", async () => {
    runOfDemoTask();
    const before = {
      tokens: count("GenerateIdToken"),
      web: count("AssumeRoleWithWebIdentity"),
      chained: count("AssumeRole"),
    };
    const clients = MEMBERS.map(
      (name) => new S3Client({ ...awsClientSettings(), credentials: fromChainedRole({ roleArn: arnOf(name) }) }),
    );

    for (let round = 0; round < 3; round++) await Promise.all(clients.map((s3) => s3.send(new ListBucketsCommand({}))));

    expect(count("GenerateIdToken") - before.tokens).toBe(1);
    expect(count("AssumeRoleWithWebIdentity") - before.web).toBe(1);
    expect(count("AssumeRole") - before.chained).toBe(3);
    expect(count("ListBuckets")).toBeGreaterThanOrEqual(9);
  });

  it("says which role refused which when a member role trusts another task's role", async () => {
    runOfDemoTask();
    const credentials = fromChainedRole({ roleArn: arnOf("member_of_another_task") });
    const s3 = new S3Client({ ...awsClientSettings(), credentials });

    const error = await s3.send(new ListBucketsCommand({})).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AwsAuthError);
    expect((error as Error).message).toContain(
      `Role ${arnOf("member_of_another_task")} refused to be assumed by role ${TASK_ROLE}`,
    );
  });
});
