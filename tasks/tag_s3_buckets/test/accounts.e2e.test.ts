import { roleName } from "@repo/iam-terraform";
import {
  MEMBER_ACCOUNT_IDS,
  memberBuckets,
  testStackConfig,
  runTaskOnStack,
  SUSPENDED_ACCOUNT_ID,
  type TaskRun,
} from "@repo/local-run";
import { type InProcessRun, leakedSecrets, leaksSessionToken, runTaskInProcess } from "@repo/task-test";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import task from "../tag_s3_buckets.airplane";

// Chaining into member accounts, in this process; as its GitHub Actions job, `npm run task` in a
// process of its own, as the job's step runs it.

const TASK = "tag_s3_buckets";
// A third member account whose role was generated for another task: it trusts that task's role only.
const REFUSING = "444444444444";
let stack: LocalStack;

interface Output {
  summary: string;
  buckets: Array<{ account: string | null; bucket: string | null; result: string; detail: string }>;
  error?: string;
}

beforeAll(async () => {
  const config = testStackConfig();
  const memberRole = config.roles.find(
    (role) => role.accountId === MEMBER_ACCOUNT_IDS[0] && role.name === roleName(TASK),
  );
  if (!memberRole) throw new Error("testStackConfig has no member role of tag_s3_buckets");
  const otherTaskRole = `arn:aws:iam::${config.accountId}:role/${roleName("list_s3_bucket_tags")}`;
  config.roles.push({
    ...memberRole,
    accountId: REFUSING,
    trustPolicy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession"], Principal: { AWS: otherTaskRole } }],
    },
  });
  config.buckets.push(...memberBuckets(REFUSING));
  stack = await startLocalStack({ config });
});

afterAll(async () => {
  await stack.stop();
});

const count = (operation: string) => stack.requests.filter((entry) => entry.operation === operation).length;

describe("tag_s3_buckets over three accounts, on the stand-in", () => {
  let run: InProcessRun & { output: Output };

  beforeAll(async () => {
    stack.resetLog();
    const accounts = [...MEMBER_ACCOUNT_IDS, REFUSING].flatMap((account) => ["--accounts", account]);
    const args = [...accounts, "--prefix", "demo-", "--key", "owner", "--value", "data-platform", "--concurrency", "4"];
    run = (await runTaskInProcess(stack, task, args)) as InProcessRun & { output: Output };
  }, 60_000);

  it("makes 1 token fetch, 1 AssumeRoleWithWebIdentity and 3 AssumeRole calls", () => {
    expect(count("GenerateIdToken")).toBe(1);
    expect(count("AssumeRoleWithWebIdentity")).toBe(1);
    expect(count("AssumeRole")).toBe(3);
  });

  it("tags every bucket of the accounts whose role lets it in, and keeps their other tags", () => {
    const tagged = MEMBER_ACCOUNT_IDS.flatMap(memberBuckets);
    for (const bucket of tagged) {
      expect(stack.bucketTags(bucket.name)).toEqual({ ...bucket.tags, owner: "data-platform" });
    }
    expect(
      run.output.buckets.filter((row) => row.result === "changed").map((row) => `${row.account}/${row.bucket}`),
    ).toEqual(tagged.map((bucket) => `${bucket.accountId}/${bucket.name}`));
    // The task account's own buckets are not among them.
    expect(stack.bucketTags("demo-bucket")).not.toHaveProperty("owner");
  });

  it("reports the refusing member role as a failed row naming both roles, and fails the run", () => {
    const failed = run.output.buckets.filter((row) => row.result === "failed");
    expect(failed).toEqual([
      {
        account: REFUSING,
        bucket: null,
        region: null,
        result: "failed",
        written_with: null,
        detail: expect.stringContaining(
          `Role arn:aws:iam::${REFUSING}:role/${roleName(TASK)} refused to be assumed by role ` +
            `arn:aws:iam::${stack.accountId}:role/${roleName(TASK)}`,
        ) as unknown,
      },
    ]);
    expect(failed[0]?.detail).toContain("(STS: AccessDenied: User: arn:aws:sts::");
    expect(run.output.summary).toBe(
      'owner="data-platform" on 4 buckets in 3 accounts: 4 changed, 0 unchanged, 0 failed. ' +
        "1 account could not be listed or reached.",
    );
    expect(run.failure).toContain(`Task tag_s3_buckets failed: 1 of 5 rows failed: account ${REFUSING} (Role `);
  });

  it("logs its progress, and shows no secret", () => {
    expect(run.log).toContainEqual(
      expect.stringMatching(/^Progress: 5\/5 buckets \(100%\), 1 failed, [\d.]+\/s after [\d.]+ s$/),
    );
    const printed = run.printed.join("\n");
    for (const secret of stack.issuedSecrets()) expect(printed).not.toContain(secret);
    expect(leaksSessionToken(run.output)).toBe(false);
  });
});

describe("tag_s3_buckets over the Organization, on the stand-in", () => {
  let run: InProcessRun & { output: Output };

  beforeAll(async () => {
    stack.resetLog();
    const args = ["--organization", "--prefix", "demo-", "--key", "org", "--value", "walked", "--concurrency", "4"];
    run = (await runTaskInProcess(stack, task, args)) as InProcessRun & { output: Output };
  }, 60_000);

  it("lists the ACTIVE accounts with ListAccounts, chains into the members and acts in its own with its own role", () => {
    expect(run.failure).toBeUndefined();
    expect(count("ListAccounts")).toBe(1);
    expect(count("GenerateIdToken")).toBe(1);
    expect(count("AssumeRoleWithWebIdentity")).toBe(1);
    expect(count("AssumeRole")).toBe(MEMBER_ACCOUNT_IDS.length);
    const accounts = [...new Set(run.output.buckets.map((row) => row.account))];
    expect(accounts).toEqual([stack.accountId, ...MEMBER_ACCOUNT_IDS]);
    expect(accounts).not.toContain(SUSPENDED_ACCOUNT_ID);
    expect(run.output.buckets.every((row) => row.result === "changed")).toBe(true);
    expect(stack.bucketTags("demo-bucket").org).toBe("walked");
  });
});

describe("tag_s3_buckets over two member accounts, as its GitHub Actions job", () => {
  let run: TaskRun & { output: Output };

  beforeAll(async () => {
    stack.resetLog();
    const accounts = MEMBER_ACCOUNT_IDS.flatMap((account) => ["--accounts", account]);
    const args = [...accounts, "--prefix", "demo-", "--key", "deployed_by", "--value", "github"];
    run = (await runTaskOnStack(stack, TASK, args, { github: {} })) as TaskRun & { output: Output };
  }, 60_000);

  it("chains from the role its GitHub token assumed: 1 AssumeRoleWithWebIdentity, then 1 AssumeRole per account", () => {
    expect(run.exitCode).toBe(0);
    const operations = stack.requests.filter((entry) => entry.service !== "s3" && entry.service !== "s3Control");
    expect(operations.map((entry) => `${entry.service}:${entry.operation}`)).toEqual([
      "github:GetIdToken",
      "github:GetOpenIdConfiguration",
      "github:GetJwks",
      "sts:AssumeRoleWithWebIdentity",
      "sts:AssumeRole",
      "sts:AssumeRole",
    ]);
    const [, , , webIdentity, ...chained] = operations;
    expect(webIdentity?.sub).toBe(`repo:acme@1234567/aws-tasks@987654321:environment:task-${TASK}`);
    expect(webIdentity?.roleSessionName).toBe(`github-${run.env.GITHUB_RUN_ID}-1.${TASK}`);
    expect(run.env.AWS_ROLE_ARN).toBe(stack.roleArn(roleName(TASK)));
    // Both hops signed by one session, which signed nothing else: the task role's, from the token.
    const signers = new Set(chained.map((entry) => entry.accessKeyId));
    expect(signers.size).toBe(1);
    const memberKeys = new Set(
      stack.requests.filter((entry) => entry.service.startsWith("s3")).map((entry) => entry.accessKeyId),
    );
    expect(memberKeys.size).toBe(MEMBER_ACCOUNT_IDS.length);
    expect([...memberKeys]).not.toContain([...signers][0]);
  });

  it("tags the buckets of both accounts, with a row for each in the output and the job summary", () => {
    const tagged = MEMBER_ACCOUNT_IDS.flatMap(memberBuckets);
    expect(run.output.buckets.map((row) => `${row.account}/${row.bucket}:${row.result}`)).toEqual(
      tagged.map((bucket) => `${bucket.accountId}/${bucket.name}:changed`),
    );
    for (const bucket of tagged) {
      expect(stack.bucketTags(bucket.name).deployed_by).toBe("github");
      expect(run.summary).toContain(`| ${bucket.accountId} | ${bucket.name.replaceAll("-", "\\-")} |`);
    }
    expect(leakedSecrets(stack, [run.stdout, run.stderr, run.summary ?? ""])).toEqual([]);
  });
});
