import {
  DEMO_BUCKET,
  FAR_BUCKET,
  testStackConfig,
  runTaskOnStack,
  type TaskRun,
  type TaskRunOptions,
} from "@repo/local-run";
import { type InProcessRun, leakedSecrets, runTaskInProcess, STAND_IN_MODES, type StandInMode } from "@repo/task-test";
import { type GithubJobOptions, type LocalStack, type LocalStackConfig, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import task from "../add_s3_bucket_tag.airplane";

// End to end through the real SDKs (airplane, STS, S3, S3 Control) against the local stand-in,
// which checks tokens, trust policies, signatures and permissions as AWS does, with the roles of
// the committed infra/terraform. The task's behaviour is tested in this process (runTaskInProcess);
// `npm run task` in a process of its own where the process is what is tested: one run of the whole
// chain, and the runs as its GitHub Actions job.
const TASK = "add_s3_bucket_tag";
// The team and env the repository is set up for (npm run setup), as the stand-in plays them.
const { teamId: TEAM, envSlug: ENV } = testStackConfig().airplane;
const ABAC_BUCKET = { name: "abac-bucket", region: "us-east-1", tags: { team: "platform" }, abac: true };
const addOwner = (bucket: string) => ["--bucket", bucket, "--key", "owner", "--value", "data"];
const outputs: string[] = [];
/** Every stand-in of the file: the secrets check looks for what each of them issued. */
const stacks: LocalStack[] = [];
let stack: LocalStack;

async function startStack(config: LocalStackConfig, mode?: StandInMode): Promise<LocalStack> {
  const started = await startLocalStack({ config, s3Compatible: mode?.s3Compatible ?? false });
  stacks.push(started);
  return started;
}

async function runTask(args: string[], options: TaskRunOptions = {}): Promise<InProcessRun> {
  const result = await runTaskInProcess(stack, task, args, options);
  outputs.push(...result.printed);
  return result;
}

const addTag = (bucket: string, options: TaskRunOptions = {}) => runTask(addOwner(bucket), options);

async function withStack(config: LocalStackConfig, test: () => Promise<void>): Promise<void> {
  const shared = stack;
  stack = await startStack(config);
  try {
    await test();
  } finally {
    await stack.stop();
    stack = shared;
  }
}

beforeAll(async () => {
  stack = await startStack(testStackConfig([DEMO_BUCKET, FAR_BUCKET, ABAC_BUCKET]));
});

afterAll(async () => {
  await stack.stop();
});

beforeEach(() => {
  stack.resetLog();
  stack.clearFaults();
});

describe("add_s3_bucket_tag as npm run task runs it, in a process of its own", () => {
  it(
    "prints the output's JSON alone, exits 0, and costs one token fetch and one STS call",
    { timeout: 30_000 },
    async () => {
      const before = stack.bucketTags(DEMO_BUCKET.name);
      const result = await runTaskOnStack(stack, TASK, addOwner(DEMO_BUCKET.name));
      outputs.push(result.stdout, result.stderr);

      expect(result.stderr).toBe("");
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "added", written_with: "s3-control" });
      expect(stack.bucketTags(DEMO_BUCKET.name)).toEqual({ ...before, owner: "data" });
      expect(stack.count("airplane", "GenerateIdToken")).toBe(1);
      expect(stack.count("sts", "AssumeRoleWithWebIdentity")).toBe(1);
      const session = stack.requests.find((entry) => entry.operation === "AssumeRoleWithWebIdentity")?.roleSessionName;
      expect(session).toBe(`${result.env.AIRPLANE_RUN_ID}.${TASK}`);
    },
  );
});

describe.each(STAND_IN_MODES)("add_s3_bucket_tag against $name, the whole chain", (mode) => {
  let shared: LocalStack;

  beforeAll(async () => {
    shared = stack;
    stack = await startStack(testStackConfig([DEMO_BUCKET, FAR_BUCKET]), mode);
  });

  afterAll(async () => {
    await stack.stop();
    stack = shared;
  });

  it("adds the tag, keeps the others, and costs one token fetch and one STS call", { timeout: 30_000 }, async () => {
    const before = stack.bucketTags(DEMO_BUCKET.name);
    const run = await addTag(DEMO_BUCKET.name);

    expect(run.failure).toBeUndefined();
    expect(run.log).toEqual([]);
    expect(stack.bucketTags(DEMO_BUCKET.name)).toEqual({ ...before, owner: "data" });
    expect(run.output).toMatchObject({ outcome: "added", written_with: mode.writtenWith, region: "us-east-1" });
    // Only a whole-set write warns, in its JSON and its summary line.
    const warned = mode.writtenWith === "put-bucket-tagging";
    expect((run.output as { warning: string | null }).warning !== null).toBe(warned);
    expect((run.output as { summary: string }).summary.includes("Warning: the whole tag set was replaced")).toBe(
      warned,
    );
    expect(stack.count("airplane", "GenerateIdToken")).toBe(1);
    expect(stack.count("sts", "AssumeRoleWithWebIdentity")).toBe(1);
    const session = stack.requests.find((entry) => entry.operation === "AssumeRoleWithWebIdentity")?.roleSessionName;
    expect(session).toBe(`${run.env.AIRPLANE_RUN_ID}.${TASK}`);
  });

  it("writes nothing the second time", { timeout: 30_000 }, async () => {
    const run = await addTag(DEMO_BUCKET.name);
    expect(run.output).toMatchObject({ outcome: "unchanged", written_with: null });
    expect(stack.count("s3Control", "TagResource") + stack.count("s3", "PutBucketTagging")).toBe(0);
  });

  it("tags a bucket in another region through a client for that region", { timeout: 30_000 }, async () => {
    const run = await addTag(FAR_BUCKET.name);
    expect(run.output).toMatchObject({ outcome: "added", region: "eu-west-1" });
    expect(stack.bucketTags(FAR_BUCKET.name)).toEqual({ ...FAR_BUCKET.tags, owner: "data" });
  });
});

describe("add_s3_bucket_tag on AWS: ABAC and the role's permissions", () => {
  it("tags a bucket with ABAC enabled, which refuses PutBucketTagging", { timeout: 30_000 }, async () => {
    const run = await addTag(ABAC_BUCKET.name);
    expect(run.output).toMatchObject({ outcome: "added", written_with: "s3-control" });
  });

  it(
    "falls back to read-merge-write, keeping every tag, where the role may not TagResource",
    { timeout: 30_000 },
    async () => {
      const config = testStackConfig([DEMO_BUCKET]);
      for (const role of config.roles) {
        for (const policy of role.permissionPolicies ?? []) {
          const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
          policy.Statement = statements.filter(
            (statement) => !JSON.stringify(statement.Action).includes("TagResource"),
          );
        }
      }
      await withStack(config, async () => {
        const run = await addTag(DEMO_BUCKET.name);
        expect(run.output).toMatchObject({ outcome: "added", written_with: "put-bucket-tagging" });
        expect(stack.bucketTags(DEMO_BUCKET.name)).toEqual({ ...DEMO_BUCKET.tags, owner: "data" });
      });
    },
  );
});

describe("add_s3_bucket_tag, refused tokens", () => {
  it.each([
    [
      "a token of another task",
      { taskSlug: "list_s3_bucket_tags" },
      new RegExp(
        `trust policy of role .*airplane-add_s3_bucket_tag rejected .*sub "team:${TEAM}:env:${ENV}:task:list_s3_bucket_tags"`,
      ),
    ],
    [
      "a token of another environment",
      { envSlug: "staging" },
      /trust policy .* rejected .*env:staging:task:add_s3_bucket_tag/,
    ],
    [
      "a token of another team",
      { teamId: "tea20990101bbbbbbbbbb" },
      /trust policy .* rejected .*team:tea20990101bbbbbbbbbb/,
    ],
    [
      "a token for another audience",
      { idToken: { audience: "my-api" } },
      /STS did not accept the Airplane ID token.*aud "my-api".*include "sts.amazonaws.com"/,
    ],
    [
      "a token of an issuer the account does not trust",
      { idToken: { issuer: "https://evil.example.com" } },
      /IAM OIDC provider for https:\/\/evil.example.com/,
    ],
  ])("refuses %s, and says why", { timeout: 30_000 }, async (_label, run, message) => {
    const result = await addTag(DEMO_BUCKET.name, { run });

    expect(result.output).toBeUndefined();
    expect(result.failure).toMatch(message);
    expect(stack.count("sts", "AssumeRoleWithWebIdentity")).toBe(1);
    expect(stack.count("s3")).toBe(0);
  });

  it("asks for a fresh token while STS finds them expired, then says so", { timeout: 30_000 }, async () => {
    const result = await addTag(DEMO_BUCKET.name, { run: { idToken: { lifetimeSeconds: -60 } } });

    expect(result.failure).toMatch(/STS found the Airplane ID token expired, even after 4 fresh tokens/);
    expect(stack.count("airplane", "GenerateIdToken")).toBe(4);
  });
});

describe("add_s3_bucket_tag as its GitHub Actions job (npm run task in environment task-add_s3_bucket_tag)", () => {
  const IMMUTABLE_SUB = (environment: string) => `repo:acme@1234567/aws-tasks@987654321:environment:${environment}`;
  const jobRuns: TaskRun[] = [];

  async function runJob(job: Partial<GithubJobOptions>): Promise<TaskRun> {
    const args = ["--bucket", DEMO_BUCKET.name, "--key", "deployed_by", "--value", "github"];
    const run = await runTaskOnStack(stack, TASK, args, { github: job });
    jobRuns.push(run);
    outputs.push(run.stdout, run.stderr, run.summary ?? "");
    return run;
  }

  it(
    "asks GitHub once for sts.amazonaws.com, makes 1 STS call in a session named after the run, and shows the change in the job summary",
    { timeout: 30_000 },
    async () => {
      const run = await runJob({});

      expect(run.stderr).toBe("");
      expect(run.exitCode).toBe(0);
      expect(stack.bucketTags(DEMO_BUCKET.name).deployed_by).toBe("github");
      // GitHub's endpoint answers only the job's own bearer (ACTIONS_ID_TOKEN_REQUEST_TOKEN) at its own URL.
      expect(stack.requests.filter((entry) => entry.operation === "GetIdToken")).toEqual([
        expect.objectContaining({
          service: "github",
          status: 200,
          audience: "sts.amazonaws.com",
          sub: IMMUTABLE_SUB(`task-${TASK}`),
        }),
      ]);
      expect(stack.count("sts", "AssumeRoleWithWebIdentity")).toBe(1);
      expect(stack.count("airplane")).toBe(0);
      const session = stack.requests.find((entry) => entry.operation === "AssumeRoleWithWebIdentity")?.roleSessionName;
      expect(session).toBe(`github-${run.env.GITHUB_RUN_ID}-${run.env.GITHUB_RUN_ATTEMPT}.${TASK}`);
      expect(run.env.GITHUB_RUN_ATTEMPT).toBe("1");
      expect(run.summary).toMatch(/^## Add S3 bucket tag \\\(add\\_s3\\_bucket\\_tag\\\): succeeded\n/);
      expect(run.summary).toContain("- **Value after**: github\n");
    },
  );

  it("refuses another task's environment, showing the token's sub and the role", { timeout: 30_000 }, async () => {
    const run = await runJob({ environment: "task-list_s3_bucket_tags" });

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      `The trust policy of role arn:aws:iam::${stack.accountId}:role/airplane-${TASK} rejected this GitHub Actions ` +
        `ID token. The token has iss "https://token.actions.githubusercontent.com", aud "sts.amazonaws.com", ` +
        `sub "${IMMUTABLE_SUB("task-list_s3_bucket_tags")}".`,
    );
    expect(stack.count("s3") + stack.count("s3Control")).toBe(0);
    expect(run.summary).toMatch(/: failed\n/);
  });

  it("stops a job without id-token: write before any request to GitHub or AWS, naming the permission", async () => {
    const run = await runJob({ idTokenPermission: false });

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('"permissions: id-token: write"');
    expect(stack.requests).toEqual([]);
  });

  it("prints no ID token, request token, key or session token, in the log or the summary", () => {
    expect(jobRuns).toHaveLength(3);
    const requestTokens = jobRuns.flatMap((run) => run.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? []);
    expect(requestTokens).toHaveLength(2);
    expect(stack.issuedSecrets()).toEqual(expect.arrayContaining(requestTokens));
    const printed = jobRuns.flatMap((run) => [run.stdout, run.stderr, run.summary ?? ""]);
    expect(leakedSecrets(stack, printed)).toEqual([]);
    expect(printed.join("\n")).not.toMatch(/::add-mask::|eyJ[\w-]*\.[\w-]+\.[\w-]+/);
  });
});

describe("add_s3_bucket_tag, transient faults", () => {
  it.each([
    [
      "STS IDPCommunicationError",
      {
        service: "sts",
        operation: "AssumeRoleWithWebIdentity",
        fail: { code: "IDPCommunicationError", status: 400 },
        times: 2,
      },
    ],
    [
      "an STS 500",
      {
        service: "sts",
        operation: "AssumeRoleWithWebIdentity",
        fail: { code: "InternalFailure", status: 500 },
        times: 2,
      },
    ],
    [
      "STS throttling",
      { service: "sts", operation: "AssumeRoleWithWebIdentity", fail: { code: "Throttling", status: 400 }, times: 2 },
    ],
    [
      "an S3 500",
      { service: "s3", operation: "GetBucketTagging", fail: { code: "InternalError", status: 500 }, times: 2 },
    ],
    [
      "S3 SlowDown",
      { service: "s3", operation: "GetBucketTagging", fail: { code: "SlowDown", status: 503 }, times: 2 },
    ],
    [
      "S3 Control SlowDown",
      { service: "s3Control", operation: "TagResource", fail: { code: "SlowDown", status: 503 }, times: 2 },
    ],
  ] as const)("retries %s and succeeds", { timeout: 30_000 }, async (_label, fault) => {
    const injected = stack.inject(fault);
    const value = `${fault.service}-${fault.fail.code}`;
    const result = await runTask(["--bucket", DEMO_BUCKET.name, "--key", "retried", "--value", value]);

    expect(result.failure).toBeUndefined();
    expect(result.log).toEqual([]);
    expect(injected.hits).toBe(2);
    expect(stack.count("airplane", "GenerateIdToken")).toBe(1);
    expect(stack.bucketTags(DEMO_BUCKET.name).retried).toBe(value);
  });

  it("fails at once, without retrying, when STS denies access", { timeout: 30_000 }, async () => {
    stack.inject({
      service: "sts",
      operation: "AssumeRoleWithWebIdentity",
      fail: { code: "AccessDenied", status: 403 },
    });
    const result = await addTag(DEMO_BUCKET.name);

    expect(result.failure).toContain("rejected this Airplane ID token");
    expect(stack.count("sts", "AssumeRoleWithWebIdentity")).toBe(1);
  });
});

describe("add_s3_bucket_tag, secrets", () => {
  it("never showed a token, secret key or session token in any run above, of any stand-in", () => {
    expect(outputs.length).toBeGreaterThan(20);
    expect(stacks).toHaveLength(4);
    for (const each of stacks) expect(leakedSecrets(each, outputs)).toEqual([]);
  });
});
