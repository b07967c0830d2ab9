import { GITHUB_PROVIDER_HOST } from "./github";

/**
 * The claims of GitHub's tokens that STS evaluates as trust-policy condition keys of their own,
 * beside `sub` and `aud`, since early 2026 (AWS "What's new" 2026-01, "AWS STS supports validation
 * of identity provider claims", in the commercial regions). They are checked at
 * AssumeRoleWithWebIdentity only, never carried into the session.
 */
export const GITHUB_CLAIM_KEYS = [
  "actor",
  "actor_id",
  "enterprise_id",
  "environment",
  "job_workflow_ref",
  "ref",
  "repository",
  "repository_id",
  "workflow",
] as const;

export type GithubClaimKey = (typeof GITHUB_CLAIM_KEYS)[number];

export function githubConditionKey(claim: GithubClaimKey): string {
  return `${GITHUB_PROVIDER_HOST}:${claim}`;
}

/** The repository by its numeric ID, which no rename changes. */
export const GITHUB_REPOSITORY_ID_CONDITION_KEY = githubConditionKey("repository_id");
