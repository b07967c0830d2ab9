import { testStackConfig, runTaskOnStack } from "@repo/local-run";
import { leakedSecrets } from "@repo/task-test";
import { type LocalStack, type RoleConfig, startLocalStack } from "@repo/local-stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const TASK = "audit_aws_oidc_roles";
let stack: LocalStack;

/** The most dangerous mistake: no sub condition, so every Airplane team's tasks may assume it. */
const OPEN_ROLE: RoleConfig = {
  name: "legacy-airplane-role",
  trustPolicy: {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/api.airplane.dev" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com" } },
      },
    ],
  },
};

beforeAll(async () => {
  const config = testStackConfig();
  stack = await startLocalStack({ config: { ...config, roles: [...config.roles, OPEN_ROLE] } });
});

afterAll(async () => {
  await stack.stop();
});

describe("audit_aws_oidc_roles against the local stand-in", () => {
  it(
    "passes the generated roles, Airplane's and GitHub's statements, and flags the open one",
    { timeout: 30_000 },
    async () => {
      const { airplane, github, roles } = testStackConfig();
      const run = await runTaskOnStack(stack, TASK, [
        "--team_id",
        airplane.teamId,
        "--env",
        airplane.envSlug,
        ...(github
          ? [
              "--github_repository",
              github.repository,
              "--github_owner_id",
              github.ownerId,
              "--github_repository_id",
              github.repositoryId,
            ]
          : []),
      ]);

      expect(run.stderr).toBe("");
      const output = run.output as {
        summary: string;
        findings: Array<{ role: string; severity: string; code: string }>;
      };
      // The task account's roles: one per task the repository has, and the open one.
      const audited = roles.filter((role) => role.accountId === undefined).length + 1;
      expect(output.summary).toMatch(new RegExp(`^${audited} of ${audited} roles trust Airplane or GitHub Actions\\.`));
      expect(output.findings.map((row) => [row.role, row.severity, row.code])).toEqual([
        ["legacy-airplane-role", "critical", "sub-missing"],
      ]);
      expect(stack.count("iam", "ListRoles")).toBeGreaterThanOrEqual(1);
      expect(leakedSecrets(stack, [run.stdout, run.stderr])).toEqual([]);
    },
  );
});
