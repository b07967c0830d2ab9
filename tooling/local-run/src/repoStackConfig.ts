import { AIRPLANE_ISSUER, GITHUB_ISSUER } from "@repo/oidc-issuers";
import { memberAccountRoles } from "./memberAccountRoles";
import {
  COMMITTED_TERRAFORM_DIR,
  committedIam,
  type GeneratorSettings,
  type GithubSettings,
} from "@repo/iam-terraform";
import {
  type BucketConfig,
  DEMO_ACCOUNT_ID,
  DEMO_GITHUB,
  DEMO_TEAM_ID,
  type GithubConfig,
  type LocalStackConfig,
} from "@repo/local-stack";
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
  return join(findRepoRoot(), COMMITTED_TERRAFORM_DIR);
}

/**
 * The stand-in set up as the README tells a user to set up AWS: the OIDC providers and one role
 * per task exactly as the committed Terraform declares them (the generator's model for the tasks
 * and the settings of infra/terraform/variables.tf.json, which `npm run iam -- --check` proves to
 * be the committed files), playing the team, environment and repository those settings name; in
 * each member account, the member roles `npm run iam -- --member-roles --task-account 123456789012`
 * generates; and an Organization managed by the task account, of the member accounts and a
 * suspended one.
 */
export function repoStackConfig(buckets: readonly BucketConfig[] = DEMO_BUCKETS): LocalStackConfig {
  return stackConfig(buckets);
}

/**
 * The demo settings the repository ships with, Airplane and GitHub Actions both trusted: team
 * tea20010101aaaaaaaaaa (env prod) and the repository acme/aws-tasks (immutable subjects).
 */
export const DEMO_SETTINGS: GeneratorSettings = {
  airplane: { teamId: DEMO_TEAM_ID, envSlug: "prod", allowStudio: false },
  github: {
    owner: DEMO_GITHUB.repository.split("/")[0] ?? "",
    repository: DEMO_GITHUB.repository.split("/")[1] ?? "",
    subjectForm: "immutable",
    ownerId: DEMO_GITHUB.ownerId,
    repositoryId: DEMO_GITHUB.repositoryId,
  },
  region: "us-east-1",
};

/**
 * The stand-in for tests: the repository's tasks with the roles the generator gives them (their
 * permissions exactly as committed), trusted for the demo settings whatever a fork set up (npm run
 * setup trusts its own team or repository, or only one platform), so that a task's tests, on either
 * platform, pass in every fork. The commands (npm start, --local) play the committed settings.
 */
export function testStackConfig(buckets: readonly BucketConfig[] = DEMO_BUCKETS): LocalStackConfig {
  return stackConfig(buckets, DEMO_SETTINGS);
}

function stackConfig(buckets: readonly BucketConfig[], settingsOverride?: GeneratorSettings): LocalStackConfig {
  const repoRoot = findRepoRoot();
  const { settings, oidcProviders, roles: taskRoles } = committedIam(repoRoot, DEMO_ACCOUNT_ID, settingsOverride);
  const roles = [...taskRoles, ...memberAccountRoles(repoRoot, DEMO_ACCOUNT_ID, MEMBER_ACCOUNT_IDS)];
  return {
    accountId: DEMO_ACCOUNT_ID,
    // The demo buckets' region, whatever region infra/terraform names: a bucket elsewhere is FAR_BUCKET's job.
    region: "us-east-1",
    // Its Airplane side needs a team even where no role trusts Airplane (its tokens then open nothing).
    airplane: settings.airplane
      ? { teamId: settings.airplane.teamId, envSlug: settings.airplane.envSlug }
      : { teamId: DEMO_TEAM_ID, envSlug: "prod" },
    ...(settings.github ? { github: githubStandIn(settings.github) } : {}),
    oidcProviders,
    roles,
    buckets: [...buckets],
    // The task account manages an Organization of the member accounts, and of one suspended account.
    organization: {
      accounts: [...MEMBER_ACCOUNT_IDS.map((id) => ({ id })), { id: SUSPENDED_ACCOUNT_ID, state: "SUSPENDED" }],
    },
  };
}

function githubStandIn(github: GithubSettings): GithubConfig {
  const repository = `${github.owner}/${github.repository}`;
  if (github.subjectForm === "immutable") {
    return { repository, ownerId: github.ownerId, repositoryId: github.repositoryId, subjectForm: "immutable" };
  }
  // Tokens whose subject reads by name still carry the numeric IDs: the demo repository's, which no policy reads.
  return {
    repository,
    ownerId: DEMO_GITHUB.ownerId,
    repositoryId: github.repositoryId ?? DEMO_GITHUB.repositoryId,
    subjectForm: "name",
  };
}

/** Which platforms' runs the roles trust: the stand-in's config names their OIDC providers. */
export function trustedPlatforms(config: LocalStackConfig): { airplane: boolean; github: boolean } {
  const trusts = (issuer: string) => config.oidcProviders.some((provider) => provider.url === issuer);
  return { airplane: trusts(AIRPLANE_ISSUER), github: config.github !== undefined && trusts(GITHUB_ISSUER) };
}
