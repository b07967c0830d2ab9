import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { displayedOutput } from "@repo/task-cli";
import { leaksSessionToken, leakyAwsError, unitTestTask } from "@repo/task-test";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import task from "../audit_aws_oidc_roles.airplane";

const iam = mockClient(IAMClient);
const { config, run: runTask } = unitTestTask(task, { mocks: [iam] });
const run = async (params: Record<string, unknown> = {}) =>
  runTask(params) as Promise<{ summary: string; findings: Array<Record<string, string>> }>;

const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/api.airplane.dev";
const SUB = "team:tea20010101aaaaaaaaaa:env:prod:task:add_s3_bucket_tag";

/** A role as ListRoles returns it: the trust policy URL-encoded. */
function role(name: string, condition: Record<string, Record<string, string>>) {
  const policy = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: condition,
      },
    ],
  };
  return {
    RoleName: name,
    Arn: `arn:aws:iam::123456789012:role/${name}`,
    Path: "/",
    RoleId: "AROA",
    CreateDate: new Date(),
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(policy)),
  };
}

describe("audit_aws_oidc_roles", () => {
  it("is an Airplane task reading its role from a config var", () => {
    expect(config.slug).toBe("audit_aws_oidc_roles");
    expect(config.envVars?.AWS_ROLE_ARN).toEqual({ config: "aws_role_arn_audit_aws_oidc_roles" });
  });

  it("audits every page of roles and lists the findings most severe first", async () => {
    iam
      .on(ListRolesCommand)
      .resolvesOnce({
        Roles: [
          role("pinned", {
            StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com", "api.airplane.dev:sub": SUB },
          }),
          role("no-aud", { StringEquals: { "api.airplane.dev:sub": SUB } }),
        ],
        IsTruncated: true,
        Marker: "page-2",
      })
      .resolvesOnce({ Roles: [role("anyone", { StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com" } })] });

    const output = await run();

    expect(output.summary).toMatch(/^3 of 3 roles trust Airplane or GitHub Actions\. /);
    expect(output.findings.map((row) => [row.role, row.severity, row.code])).toEqual([
      ["anyone", "critical", "sub-missing"],
      ["no-aud", "high", "aud-missing"],
    ]);
    expect(output.findings[0]?.fix).toContain("api.airplane.dev:sub");
    expect(iam.commandCalls(ListRolesCommand)).toHaveLength(2);
    // Airplane's run page: the findings table, most severe first, severity and role leading.
    const shown = displayedOutput(config.outputDisplay, output);
    expect(shown?.type === "table" && shown.rows.map((row) => row.slice(0, 2))).toEqual([
      ["critical", "anyone"],
      ["high", "no-aud"],
    ]);
  });

  it("skips roles that trust neither Airplane nor GitHub Actions", async () => {
    const ec2 = {
      ...role("ec2", {}),
      AssumeRolePolicyDocument: encodeURIComponent(
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      ),
    };
    iam.on(ListRolesCommand).resolves({ Roles: [ec2] });

    await expect(run()).resolves.toEqual({
      summary: "0 of 1 roles trust Airplane or GitHub Actions. No findings.",
      findings: [],
    });
  });

  it("flags a role of another team when the team is given", async () => {
    const other = "team:tea20990101bbbbbbbbbb:env:prod:task:add_s3_bucket_tag";
    iam.on(ListRolesCommand).resolves({
      Roles: [
        role("other-team", {
          StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com", "api.airplane.dev:sub": other },
        }),
      ],
    });

    const output = await run({ team_id: "tea20010101aaaaaaaaaa", env: "prod" });
    expect(output.findings.map((row) => row.code)).toContain("sub-unexpected");
  });
});

describe("audit_aws_oidc_roles errors", () => {
  it("leave the task with their message and AWS code, and without the request or response", async () => {
    iam.on(ListRolesCommand).rejects(leakyAwsError());
    const error = await run({}).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect(String((error as Error).message)).toContain("Access Denied");
    expect(leaksSessionToken(error)).toBe(false);
  });

  it("audits GitHub's statements against the repository and IDs it is given", async () => {
    const byName = {
      ...role("by-name", {}),
      AssumeRolePolicyDocument: encodeURIComponent(
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: {
                StringEquals: {
                  "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                  "token.actions.githubusercontent.com:sub": "repo:acme/aws-tasks:environment:task-add_s3_bucket_tag",
                },
              },
            },
          ],
        }),
      ),
    };
    iam.on(ListRolesCommand).resolves({ Roles: [byName] });

    expect((await run()).findings).toEqual([]);
    const told = await run({
      github_repository: "acme/aws-tasks",
      github_owner_id: "1234567",
      github_repository_id: "987654321",
    });
    expect(told.summary).toBe("1 of 1 roles trust Airplane or GitHub Actions. 1 finding: 1 medium.");
    expect(told.findings.map((row) => [row.role, row.code])).toEqual([["by-name", "sub-name-form"]]);
  });
});
