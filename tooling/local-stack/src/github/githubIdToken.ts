import { randomUUID } from "node:crypto";
import { githubSubject } from "@repo/oidc-issuers";
import type { ResolvedGithub } from "../config/resolvedConfig";
import type { OidcIssuer } from "../oidc/oidcIssuer";
import type { GithubJob } from "./githubJob";

/**
 * The claims of GitHub's ID tokens besides `iss`, `aud`, `sub`, `iat`, `nbf` and `exp`, as GitHub's
 * OIDC reference lists them and a real token of 2026 carries them (every ID a string).
 */
export const GITHUB_CLAIMS = [
  "jti",
  "actor",
  "actor_id",
  "base_ref",
  "check_run_id",
  "environment",
  "event_name",
  "head_ref",
  "job_workflow_ref",
  "job_workflow_sha",
  "ref",
  "ref_protected",
  "ref_type",
  "repository",
  "repository_id",
  "repository_owner",
  "repository_owner_id",
  "repository_visibility",
  "run_attempt",
  "run_id",
  "run_number",
  "runner_environment",
  "sha",
  "workflow",
  "workflow_ref",
  "workflow_sha",
] as const;

// GitHub's tokens are valid from five minutes before they were issued.
const NOT_BEFORE_SECONDS = 300;

/** The `sub` of a job's tokens, in the form the repository uses. */
export function jobSubject(job: GithubJob, github: ResolvedGithub): string {
  return githubSubject({
    owner: github.owner,
    repository: github.name,
    ...(github.subjectForm === "immutable" ? { ownerId: github.ownerId, repositoryId: github.repositoryId } : {}),
    environment: job.environment,
  });
}

/** GitHub's default audience: the URL of the repository's owner. */
export function defaultAudience(github: ResolvedGithub): string {
  return `https://github.com/${github.owner}`;
}

/** An ID token for a job, as GitHub's token service issues it. */
export async function githubIdToken(
  issuer: OidcIssuer,
  job: GithubJob,
  github: ResolvedGithub,
  audience: string,
  now: Date,
): Promise<{ token: string; sub: string }> {
  const repository = `${github.owner}/${github.name}`;
  const workflowRef = `${repository}/${job.workflowPath}@${job.ref}`;
  const claims: Record<(typeof GITHUB_CLAIMS)[number], string> = {
    jti: randomUUID(),
    actor: job.actor,
    actor_id: job.actorId,
    base_ref: "",
    check_run_id: job.checkRunId,
    environment: job.environment,
    event_name: job.eventName,
    head_ref: "",
    // Not a reusable workflow: the job's workflow is the run's.
    job_workflow_ref: workflowRef,
    job_workflow_sha: job.sha,
    ref: job.ref,
    ref_protected: "false",
    ref_type: "branch",
    repository,
    repository_id: github.repositoryId,
    repository_owner: github.owner,
    repository_owner_id: github.ownerId,
    repository_visibility: "private",
    run_attempt: job.runAttempt,
    run_id: job.runId,
    run_number: job.runNumber,
    runner_environment: "github-hosted",
    sha: job.sha,
    workflow: job.workflowPath,
    workflow_ref: workflowRef,
    workflow_sha: job.sha,
  };
  const sub = jobSubject(job, github);
  const token = await issuer.sign({
    claims,
    subject: sub,
    audience,
    now,
    notBeforeSeconds: NOT_BEFORE_SECONDS,
    overrides: job.idToken,
  });
  return { token, sub };
}
