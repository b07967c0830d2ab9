import { loadTerraformRoles, readCommittedSettings } from "@repo/iam-terraform";
import { type BucketConfig, DEMO_ACCOUNT_ID, type LocalStackConfig } from "@repo/local-stack";
import { findRepoRoot } from "@repo/task-cli";
import { join } from "node:path";

/** The bucket the demo tags: it starts with tags of its own, which the task must keep. */
export const DEMO_BUCKET: BucketConfig = {
  name: "demo-bucket",
  region: "us-east-1",
  tags: { team: "platform", "cost-center": "cc-1234" },
};

/** A bucket in another region than AWS_REGION, which tasks must reach without failing. */
export const FAR_BUCKET: BucketConfig = { name: "demo-bucket-eu", region: "eu-west-1", tags: { team: "analytics" } };

/** The committed Terraform of the repository the current directory is in. */
export function terraformDir(): string {
  return join(findRepoRoot(), "infra", "terraform");
}

/**
 * The stand-in set up as the README tells a user to set up AWS: the OIDC provider and one role
 * per task exactly as the committed Terraform declares them (trust and permission policies read
 * from infra/terraform), for the team and environment of its variables.
 */
export function repoStackConfig(buckets: BucketConfig[] = [DEMO_BUCKET, FAR_BUCKET]): LocalStackConfig {
  const dir = terraformDir();
  const { teamId, envSlug } = readCommittedSettings(dir, "npm run iam -- --team-id <id> --env <slug>");
  const { oidcProviders, roles } = loadTerraformRoles(dir, { accountId: DEMO_ACCOUNT_ID });
  return {
    accountId: DEMO_ACCOUNT_ID,
    region: "us-east-1",
    airplane: { teamId, envSlug },
    oidcProviders,
    roles,
    buckets,
  };
}
