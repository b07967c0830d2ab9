import { demoConfig, type LocalStackConfig, type RoleConfig } from "../src/index";

export const TEAM = "tea20010101aaaaaaaaaa";
const PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/api.airplane.dev";

/** A trust policy for any task of the team in prod, as Airplane's guide shows with StringLike. */
function teamTrust(): RoleConfig["trustPolicy"] {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: PROVIDER_ARN },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com" },
          StringLike: { "api.airplane.dev:sub": `team:${TEAM}:env:prod:*` },
        },
      },
    ],
  };
}

/** A role any task of the team may assume, with the given permission policy statements. */
export function teamRole(name: string, statements: unknown[], path = "/"): RoleConfig {
  return {
    name,
    path,
    trustPolicy: teamTrust(),
    permissionPolicies:
      statements.length === 0 ? [] : [{ Version: "2012-10-17", Statement: statements } as RoleConfig["trustPolicy"]],
  };
}

/**
 * The demo account plus what the S3, S3 Control and IAM tests need: an admin role, a role with an
 * explicit Deny, buckets in two regions, an ABAC bucket and one without tags.
 */
export function testConfig(): LocalStackConfig {
  const config = demoConfig();
  config.roles.push(
    teamRole("bucket_admin", [{ Effect: "Allow", Action: ["s3:*", "iam:ListRoles", "iam:GetRole"], Resource: "*" }]),
    teamRole("tagger_except_protected", [
      { Effect: "Allow", Action: "s3:*Tagging", Resource: "arn:aws:s3:::*" },
      { Effect: "Deny", Action: "s3:PutBucketTagging", Resource: "arn:aws:s3:::protected-*" },
    ]),
    teamRole("no_permissions", []),
  );
  config.buckets.push(
    { name: "eu-bucket", region: "eu-west-1", tags: { team: "data" } },
    { name: "abac-bucket", abac: true, tags: { owner: "platform" } },
    { name: "empty-bucket" },
    { name: "protected-logs", tags: { retention: "7y" } },
  );
  return config;
}

export const ADMIN_RUN = { taskSlug: "admin_task", roleName: "bucket_admin" };
