import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { loadTerraformRoles } from "@repo/iam-terraform";
import { DEMO_ACCOUNT_ID, type LocalStack, startLocalStack } from "@repo/local-stack";
import { idToken } from "airplane/auth";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoStackConfig, terraformDir } from "../src/index";
import { watchRoles } from "../src/watchRoles";

// A copy of the committed Terraform that the test changes as `npm run new-task` would.
const dir = mkdtempSync(join(tmpdir(), "watch-roles-"));
const loadRoles = () => loadTerraformRoles(dir, { accountId: DEMO_ACCOUNT_ID }).roles;
let stack: LocalStack;

beforeAll(async () => {
  cpSync(terraformDir(), dir, { recursive: true });
  stack = await startLocalStack({ config: { ...repoStackConfig(), roles: loadRoles() } });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
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
      const stop = watchRoles(stack, dir, loadRoles, (change) => {
        stop();
        resolve(change);
      });
    });

    const template = readFileSync(join(dir, "task-list_s3_bucket_tags.tf.json"), "utf8");
    writeFileSync(
      join(dir, "task-rotate_access_logs.tf.json"),
      template.replaceAll("list_s3_bucket_tags", "rotate_access_logs"),
    );

    expect(await heard).toEqual({ added: ["airplane-rotate_access_logs"], removed: [] });
    const { AssumedRoleUser } = await assumeAs("rotate_access_logs");
    expect(AssumedRoleUser?.Arn).toContain("assumed-role/airplane-rotate_access_logs/watch-roles-test");
  });
});
