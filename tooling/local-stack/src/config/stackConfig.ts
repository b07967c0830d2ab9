import type { PolicyDocument } from "@repo/iam-policy";
import type { GithubSubjectForm } from "@repo/oidc-issuers";

/**
 * The AWS account and Airplane team the stand-in plays, as JSON a person writes (see
 * `demoConfig()` and the README). Policies are the same documents one creates in AWS.
 */
export interface LocalStackConfig {
  /** 12 digits. */
  accountId: string;
  /** The region handed to tasks as AWS_REGION, and of buckets that name none. */
  region: string;
  airplane: AirplaneConfig;
  /**
   * The GitHub repository whose Actions jobs the stand-in plays (`githubJobEnv`). Its tokens'
   * issuer is GitHub's, which STS trusts only when `oidcProviders` lists it, as in AWS.
   */
  github?: GithubConfig;
  /** IAM OIDC identity providers of the account. */
  oidcProviders: OidcProviderConfig[];
  roles: RoleConfig[];
  buckets: BucketConfig[];
  /**
   * The AWS Organization whose management account is `accountId`, for Organizations ListAccounts.
   * The management account is listed first by itself; give the member accounts.
   */
  organization?: { accounts: OrganizationAccountConfig[] };
}

export interface OrganizationAccountConfig {
  /** 12 digits. */
  id: string;
  /** Default: `account-<id>`. */
  name?: string;
  /** Default: ACTIVE. */
  state?: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE" | "PENDING_ACTIVATION" | "CLOSED";
}

export interface AirplaneConfig {
  /** The team of every run unless a run names another, for example `tea20010101aaaaaaaaaa`. */
  teamId: string;
  /** The environment of every run unless a run names another, for example `prod`. */
  envSlug: string;
  /**
   * The `iss` of the ID tokens the stand-in signs. Default `https://api.airplane.dev`, Airplane's
   * own, so trust policies written for AWS work unchanged.
   */
  issuer?: string;
}

export interface GithubConfig {
  /** `owner/repo`, for example `acme/aws-tasks`. */
  repository: string;
  /** The owner's numeric ID (`gh api repos/<owner>/<repo> --jq .owner.id`). */
  ownerId: string;
  /** The repository's numeric ID (`gh api repos/<owner>/<repo> --jq .id`). */
  repositoryId: string;
  /**
   * How the tokens' `sub` names the repository: `immutable` (`repo:acme@1234567/aws-tasks@987654321:…`,
   * GitHub's default for repositories created or renamed on or after 15 July 2026) or `name`
   * (`repo:acme/aws-tasks:…`). Default `immutable`.
   */
  subjectForm?: GithubSubjectForm;
}

export interface OidcProviderConfig {
  /** The provider URL as registered in IAM, for example `https://api.airplane.dev`. */
  url: string;
  /** The audiences (client IDs) IAM accepts from this provider. */
  clientIds: string[];
}

export interface RoleConfig {
  name: string;
  /**
   * The account the role is in. Default: the config's `accountId`. Another account makes the stand-in
   * play it too (a member account of role chaining): its roles, its buckets, its callers.
   */
  accountId?: string;
  /** IAM path, `/` by default. */
  path?: string;
  description?: string;
  /** The role's trust policy (AssumeRolePolicyDocument). */
  trustPolicy: PolicyDocument;
  /** The identity policies attached to the role, inline or managed alike. */
  permissionPolicies?: PolicyDocument[];
  /** 3600 (the default) to 43200 seconds. */
  maxSessionDurationSeconds?: number;
}

export interface BucketConfig {
  name: string;
  /** The account that owns the bucket. Default: the config's `accountId`. */
  accountId?: string;
  /** Default: the config's `region`. */
  region?: string;
  tags?: Record<string, string>;
  /** ABAC enabled: PutBucketTagging and DeleteBucketTagging are refused; use S3 Control tagging. */
  abac?: boolean;
}
