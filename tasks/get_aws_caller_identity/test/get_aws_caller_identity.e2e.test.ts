import { testStackConfig, runTaskOnStack } from "@repo/local-run";
import { leakedSecrets, runTaskInProcess } from "@repo/task-test";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import task from "../get_aws_caller_identity.airplane";

const TASK = "get_aws_caller_identity";
const outputs: string[] = [];
let stack: LocalStack;

interface Identity {
  arn: string;
  session_name: string;
}

beforeAll(async () => {
  stack = await startLocalStack({ config: testStackConfig() });
});

afterAll(async () => {
  await stack.stop();
});

beforeEach(() => {
  stack.resetLog();
});

describe("get_aws_caller_identity against the local stand-in", () => {
  it(
    "shows the account, the task's role and a session named after the run, run as npm run task runs it",
    { timeout: 30_000 },
    async () => {
      const run = await runTaskOnStack(stack, TASK, []);
      outputs.push(run.stdout, run.stderr);

      expect(run.stderr).toBe("");
      expect(run.exitCode).toBe(0);
      expect(run.output).toMatchObject({
        account: "123456789012",
        arn: `arn:aws:sts::123456789012:assumed-role/airplane-${TASK}/${run.env.AIRPLANE_RUN_ID}.${TASK}`,
        user_id: expect.stringMatching(new RegExp(`^AROA\\w+:${run.env.AIRPLANE_RUN_ID}\\.${TASK}$`)) as unknown,
        role: `airplane-${TASK}`,
        session_name: `${run.env.AIRPLANE_RUN_ID}.${TASK}`,
        credentials_from: "Airplane OIDC token, exchanged with STS AssumeRoleWithWebIdentity",
      });
    },
  );

  it("says what to fix in the trust policy when the token does not match it", async () => {
    const run = await runTaskInProcess(stack, task, [], { run: { envSlug: "studio" } });
    outputs.push(...run.printed);

    expect(run.failure).toContain(`sub "team:${testStackConfig().airplane.teamId}:env:studio:task:${TASK}"`);
    expect(run.failure).toContain('"api.airplane.dev:sub" matching the sub above');
    expect(run.failure).toContain('runs under airplane dev have env "studio"');
  });

  it("gives each run of one process its own session: aws-auth's credential cache is per run", async () => {
    const runs = [
      await runTaskInProcess(stack, task, []),
      await runTaskInProcess(stack, task, []),
      await runTaskInProcess(stack, task, [], { github: {} }),
    ];
    outputs.push(...runs.flatMap((run) => run.printed));

    const sessions = [
      `${runs[0]?.env.AIRPLANE_RUN_ID}.${TASK}`,
      `${runs[1]?.env.AIRPLANE_RUN_ID}.${TASK}`,
      `github-${runs[2]?.env.GITHUB_RUN_ID}-1.${TASK}`,
    ];
    expect(runs.map((run) => (run.output as Identity).session_name)).toEqual(sessions);
    expect(new Set(sessions).size).toBe(3);
    expect(
      stack.requests
        .filter((entry) => entry.operation === "AssumeRoleWithWebIdentity")
        .map((entry) => entry.roleSessionName),
    ).toEqual(sessions);
    expect(stack.count("airplane", "GenerateIdToken") + stack.count("github", "GetIdToken")).toBe(3);
  });

  it("never showed a secret", () => {
    expect(leakedSecrets(stack, outputs)).toEqual([]);
  });
});
