import type { ResolvedGithub } from "../config/resolvedConfig";
import type { GithubJob } from "../github/githubJob";
import { idTokenPath } from "../github/tokenEndpoint";

/**
 * The variables GitHub's runner sets for a job (GitHub's "Variables" reference), and, when the job
 * may ask for an ID token (`id-token: write`), the URL and bearer token to ask with. The URL carries
 * `?api-version=2.0`, as GitHub's does, so `&audience=…` can follow. No GITHUB_STEP_SUMMARY: the
 * caller names the file.
 */
export function githubJobEnvironment(
  job: GithubJob,
  github: ResolvedGithub,
  githubUrl: string,
  requestToken: string | undefined,
): Record<string, string> {
  const repository = `${github.owner}/${github.name}`;
  return {
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_RUN_ID: job.runId,
    GITHUB_RUN_NUMBER: job.runNumber,
    GITHUB_RUN_ATTEMPT: job.runAttempt,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_ID: github.repositoryId,
    GITHUB_REPOSITORY_OWNER: github.owner,
    GITHUB_REPOSITORY_OWNER_ID: github.ownerId,
    GITHUB_ACTOR: job.actor,
    GITHUB_ACTOR_ID: job.actorId,
    GITHUB_WORKFLOW: job.workflowPath,
    GITHUB_WORKFLOW_REF: `${repository}/${job.workflowPath}@${job.ref}`,
    GITHUB_REF: job.ref,
    GITHUB_SHA: job.sha,
    GITHUB_JOB: job.jobName,
    GITHUB_EVENT_NAME: job.eventName,
    RUNNER_ENVIRONMENT: "github-hosted",
    ...(requestToken === undefined
      ? {}
      : {
          ACTIONS_ID_TOKEN_REQUEST_URL: `${githubUrl}${idTokenPath(job)}?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
        }),
  };
}
