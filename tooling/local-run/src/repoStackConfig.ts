import { memberAccountRoles } from "./memberAccountRoles";
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

/**
 * The member accounts the stand-in plays next to the task account (its own, 123456789012), for a
 * task that chains into them (`tag_s3_buckets --accounts 222222222222 ...`).
 */
export const MEMBER_ACCOUNT_IDS: readonly string[] = ["222222222222", "333333333333"];

/** An account of the Organization that is not ACTIVE: ListAccounts lists it, tag_s3_buckets --organization skips it. */
export const SUSPENDED_ACCOUNT_ID = "999999999999";

/** Two buckets of a member account, one in another region; named after it, as bucket names are global. */
export function memberBuckets(accountId: string): BucketConfig[] {
  return [
    { name: `demo-logs-${accountId}`, accountId, region: "us-east-1", tags: { team: "platform" } },
    { name: `demo-web-${accountId}`, accountId, region: "eu-west-1", tags: { team: "web" } },
  ];
}

/** What the stand-in holds unless told otherwise: the demo buckets, and those of the member accounts. */
export const DEMO_BUCKETS: readonly BucketConfig[] = [
  DEMO_BUCKET,
  FAR_BUCKET,
  ...MEMBER_ACCOUNT_IDS.flatMap(memberBuckets),
];

/** The committed Terraform of the repository the current directory is in. */
export function terraformDir(): string {
  return join(findRepoRoot(), "infra", "terraform");
}

/**
 * The stand-in set up as the README tells a user to set up AWS: the OIDC provider and one role
 * per task exactly as the committed Terraform declares them (trust and permission policies read
 * from infra/terraform), for the team and environment of its variables; in each member account,
 * the member roles `npm run iam -- --member-roles --task-account 123456789012` generates; and an
 * Organization managed by the task account, of the member accounts and a suspended one.
 */
export function repoStackConfig(buckets: readonly BucketConfig[] = DEMO_BUCKETS): LocalStackConfig {
  const dir = terraformDir();
  const { teamId, envSlug } = readCommittedSettings(dir, "npm run iam -- --team-id <id> --env <slug>");
  const { oidcProviders, roles: taskRoles } = loadTerraformRoles(dir, { accountId: DEMO_ACCOUNT_ID });
  const roles = [...taskRoles, ...memberAccountRoles(findRepoRoot(), DEMO_ACCOUNT_ID, MEMBER_ACCOUNT_IDS)];
  return {
    accountId: DEMO_ACCOUNT_ID,
    region: "us-east-1",
    airplane: { teamId, envSlug },
    oidcProviders,
    roles,
    buckets: [...buckets],
    // The task account manages an Organization of the member accounts, and of one suspended account.
    organization: {
      accounts: [...MEMBER_ACCOUNT_IDS.map((id) => ({ id })), { id: SUSPENDED_ACCOUNT_ID, state: "SUSPENDED" }],
    },
  };
}
