import { repoStackConfig, runTaskOnStack } from "@repo/local-run";
import { leakedSecrets } from "@repo/task-test";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const TASK = "get_aws_caller_identity";
const outputs: string[] = [];
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ config: repoStackConfig() });
});

afterAll(async () => {
  await stack.stop();
});

describe("get_aws_caller_identity against the local stand-in", () => {
  it("shows the account, the task's role and a session named after the run", { timeout: 30_000 }, async () => {
    const run = await runTaskOnStack(stack, TASK, []);
    outputs.push(run.stdout, run.stderr);

    expect(run.stderr).toBe("");
    expect(run.output).toMatchObject({
      account: "123456789012",
      arn: `arn:aws:sts::123456789012:assumed-role/airplane-${TASK}/${run.env.AIRPLANE_RUN_ID}.${TASK}`,
      user_id: expect.stringMatching(new RegExp(`^AROA\\w+:${run.env.AIRPLANE_RUN_ID}\\.${TASK}$`)) as unknown,
      role: `airplane-${TASK}`,
      session_name: `${run.env.AIRPLANE_RUN_ID}.${TASK}`,
      credentials_from: "Airplane OIDC token, exchanged with STS AssumeRoleWithWebIdentity",
    });
  });

  it("says what to fix in the trust policy when the token does not match it", { timeout: 30_000 }, async () => {
    const run = await runTaskOnStack(stack, TASK, [], { run: { envSlug: "studio" } });
    outputs.push(run.stdout, run.stderr);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`sub "team:${repoStackConfig().airplane.teamId}:env:studio:task:${TASK}"`);
    expect(run.stderr).toContain('"api.airplane.dev:sub" matching the sub above');
    expect(run.stderr).toContain('runs under airplane dev have env "studio"');
  });

  it("never printed a secret", () => {
    expect(leakedSecrets(stack, outputs)).toEqual([]);
  });
});
