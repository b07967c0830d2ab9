import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import {
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketTaggingCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { S3ControlClient, TagResourceCommand, UntagResourceCommand } from "@aws-sdk/client-s3-control";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { type LocalStack, RESOLVE_LOCALHOST_PRELOAD, startLocalStack } from "@repo/local-stack";
import { findRepoRoot } from "@repo/task-cli";
import { idToken } from "airplane/auth";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_BUCKET, testStackConfig } from "../src/index";

// The roles the generator gives the repository's tasks (as committed in infra/terraform, trusted
// for the demo settings: testStackConfig), loaded into the stand-in, prove what README tells users:
// each task may assume its own role and no other, and each role may do what its task declares in
// aws-permissions.json and nothing else.
let stack: LocalStack;
// The task account's roles; the member accounts' (same names, other accounts) are memberRoles.e2e.test.ts's.
const roles = testStackConfig()
  .roles.filter((role) => role.accountId === undefined)
  .map((role) => role.name);
const slugs = roles.map((role) => role.replace(/^airplane-/, ""));

beforeAll(async () => {
  // In this process, as the stand-in's NODE_OPTIONS does for a task's: S3 Control's
  // <account>.localhost host name resolves to the stand-in.
  // oxlint-disable-next-line typescript/no-require-imports
  require(RESOLVE_LOCALHOST_PRELOAD);
  stack = await startLocalStack({ config: testStackConfig() });
  for (const [name, value] of Object.entries(stack.awsEnv())) vi.stubEnv(name, value);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await stack.stop();
});

/** A token of a run of `taskSlug`, issued by the stand-in through the real airplane SDK. */
async function tokenOf(taskSlug: string): Promise<string> {
  for (const [name, value] of Object.entries(stack.runEnv({ taskSlug }))) vi.stubEnv(name, value);
  return idToken("sts.amazonaws.com");
}

async function assume(taskSlug: string, role: string) {
  const sts = new STSClient({ maxAttempts: 1 });
  const { Credentials } = await sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: stack.roleArn(role),
      RoleSessionName: `${taskSlug}-test`,
      WebIdentityToken: await tokenOf(taskSlug),
    }),
  );
  return {
    accessKeyId: Credentials?.AccessKeyId ?? "",
    secretAccessKey: Credentials?.SecretAccessKey ?? "",
    sessionToken: Credentials?.SessionToken ?? "",
  };
}

describe("the committed task roles in the stand-in", () => {
  it("has one role per task", () => {
    const tasksDir = join(findRepoRoot(), "tasks");
    const tasks = readdirSync(tasksDir).filter((name) => existsSync(join(tasksDir, name, `${name}.airplane.ts`)));
    expect([...slugs].sort()).toEqual(tasks.sort());
  });

  it("lets each task's token assume its own role, and no other", { timeout: 60_000 }, async () => {
    const outcomes: string[] = [];
    for (const task of slugs) {
      for (const role of roles) {
        const allowed = await assume(task, role).then(
          () => true,
          (error: Error) => (error.name === "AccessDenied" ? false : Promise.reject(error)),
        );
        if (allowed) outcomes.push(`${task} -> ${role}`);
      }
    }
    expect(outcomes).toEqual(slugs.map((slug) => `${slug} -> airplane-${slug}`));
  });

  it("allows each role exactly the actions its task declares", { timeout: 60_000 }, async () => {
    const operations: Record<string, (credentials: Awaited<ReturnType<typeof assume>>) => Promise<unknown>> = {
      "s3:ListAllMyBuckets": (credentials) => new S3Client({ credentials }).send(new ListBucketsCommand({})),
      "s3:ListBucket": (credentials) =>
        new S3Client({ credentials }).send(new HeadBucketCommand({ Bucket: DEMO_BUCKET.name })),
      "s3:GetBucketTagging": (credentials) =>
        new S3Client({ credentials }).send(new GetBucketTaggingCommand({ Bucket: DEMO_BUCKET.name })),
      "s3:PutBucketTagging": (credentials) =>
        new S3Client({ credentials }).send(
          new PutBucketTaggingCommand({
            Bucket: DEMO_BUCKET.name,
            Tagging: {
              TagSet: Object.entries(stack.bucketTags(DEMO_BUCKET.name)).map(([Key, Value]) => ({ Key, Value })),
            },
          }),
        ),
      "s3:TagResource": (credentials) =>
        new S3ControlClient({ credentials }).send(
          new TagResourceCommand({
            AccountId: stack.accountId,
            ResourceArn: `arn:aws:s3:::${DEMO_BUCKET.name}`,
            Tags: [{ Key: "checked", Value: "yes" }],
          }),
        ),
      "s3:UntagResource": (credentials) =>
        new S3ControlClient({ credentials }).send(
          new UntagResourceCommand({
            AccountId: stack.accountId,
            ResourceArn: `arn:aws:s3:::${DEMO_BUCKET.name}`,
            TagKeys: ["checked"],
          }),
        ),
      "iam:ListRoles": (credentials) => new IAMClient({ credentials }).send(new ListRolesCommand({})),
    };
    for (const slug of slugs) {
      const credentials = await assume(slug, `airplane-${slug}`);
      const declared = declaredActions(slug);
      const allowed: string[] = [];
      for (const [action, call] of Object.entries(operations)) {
        const ok = await call(credentials).then(
          () => true,
          (error: Error) => (isDenied(error) ? false : Promise.reject(error)),
        );
        if (ok) allowed.push(action);
      }
      expect(allowed, slug).toEqual(Object.keys(operations).filter((action) => declared.has(action)));
    }
  });
});

// HeadBucket has no body, so its 403 reaches the SDK without an error code.
function isDenied(error: Error): boolean {
  return (
    error.name === "AccessDenied" ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403
  );
}

function declaredActions(slug: string): Set<string> {
  const file = join(findRepoRoot(), "tasks", slug, "aws-permissions.json");
  const { statements } = JSON.parse(readFileSync(file, "utf8")) as { statements: Array<{ actions: string[] }> };
  return new Set(statements.flatMap((statement) => statement.actions));
}
