import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { committedIam } from "@repo/iam-terraform";
import { DEMO_ACCOUNT_ID, type LocalStack, startLocalStack } from "@repo/local-stack";
import { findRepoRoot } from "@repo/task-cli";
import { idToken } from "airplane/auth";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_SETTINGS, testStackConfig } from "../src/index";
import { watchRoles } from "../src/watchRoles";

// A copy of the repository's tasks and committed Terraform that the test changes as `npm run new-task` would.
const copy = mkdtempSync(join(tmpdir(), "watch-roles-"));
const terraform = join(copy, "infra", "terraform");
// The roles for the demo settings, which every token of testStackConfig carries, whatever a fork set up.
const loadRoles = () => committedIam(copy, DEMO_ACCOUNT_ID, DEMO_SETTINGS).roles;
let stack: LocalStack;

beforeAll(async () => {
  cpSync(join(findRepoRoot(), "infra", "terraform"), terraform, { recursive: true });
  cpSync(join(findRepoRoot(), "tasks"), join(copy, "tasks"), {
    recursive: true,
    filter: (path) => !path.includes("node_modules"),
  });
  stack = await startLocalStack({ config: { ...testStackConfig(), roles: loadRoles() } });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await stack.stop();
  rmSync(copy, { recursive: true, force: true });
});

/** AssumeRoleWithWebIdentity by a new run of the task, with the token the stand-in issues it. */
async function assumeAs(slug: string) {
  const env = stack.runEnv({ taskSlug: slug, roleName: `airplane-${slug}` });
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const sts = new STSClient({ maxAttempts: 1 });
  return sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: env.AWS_ROLE_ARN,
      RoleSessionName: "watch-roles-test",
      WebIdentityToken: await idToken("sts.amazonaws.com"),
    }),
  );
}

describe("watchRoles (npm run local-stack)", () => {
  it("gives a task added while the stand-in runs its role, and says so", { timeout: 30_000 }, async () => {
    await expect(assumeAs("rotate_access_logs")).rejects.toThrow();
    const heard = new Promise<{ added: string[]; removed: string[] }>((resolve) => {
      const stop = watchRoles(stack, terraform, loadRoles, (change) => {
        stop();
        resolve(change);
      });
    });

    // npm run new-task: the task's folder, then npm run iam -- --update writes its role's file.
    mkdirSync(join(copy, "tasks", "rotate_access_logs"));
    writeFileSync(join(copy, "tasks", "rotate_access_logs", "aws-permissions.json"), '{ "statements": [] }\n');
    writeFileSync(join(terraform, "task-rotate_access_logs.tf.json"), "{}\n");

    expect(await heard).toEqual({ added: ["airplane-rotate_access_logs"], removed: [] });
    const { AssumedRoleUser } = await assumeAs("rotate_access_logs");
    expect(AssumedRoleUser?.Arn).toContain("assumed-role/airplane-rotate_access_logs/watch-roles-test");
  });
});
