import { createHash, randomUUID } from "node:crypto";
import { taskOfEnvironment } from "@repo/oidc-issuers";
import type { IdTokenOverrides } from "../oidc/idTokenOverrides";
import { newCommitSha, newNumericId } from "../state/randomText";

/** A job of a GitHub Actions workflow run, as `stack.githubJobEnv()` starts one. */
export interface GithubJobOptions {
  /** The job's GitHub environment, `task-<slug>` for a task: the end of the token's `sub`. */
  environment: string;
  /** The role put in AWS_ROLE_ARN. */
  roleName: string;
  /** The task, which names the workflow file; default: the slug of a `task-<slug>` environment. */
  taskSlug?: string;
  /** The login of who started the run. Default `octocat`. */
  actor?: string;
  /**
   * `permissions: id-token: write`. Default true; false leaves out ACTIONS_ID_TOKEN_REQUEST_URL and
   * ACTIONS_ID_TOKEN_REQUEST_TOKEN, as GitHub does for a job without the permission.
   */
  idTokenPermission?: boolean;
  /** Overrides for this job's ID tokens (another issuer or audience, an expired token…). */
  idToken?: IdTokenOverrides;
}

/** What the stand-in knows of one job: everything its ID tokens and variables say. */
export interface GithubJob {
  environment: string;
  runId: string;
  runNumber: string;
  runAttempt: string;
  /** The run's plan and the job's ID, which name the job's token URL. */
  planId: string;
  jobId: string;
  /** The job's key in the workflow (GITHUB_JOB). */
  jobName: string;
  checkRunId: string;
  actor: string;
  actorId: string;
  /** `.github/workflows/<file>`: also the workflow's name, as GitHub names a workflow that has none. */
  workflowPath: string;
  ref: string;
  sha: string;
  eventName: string;
  idToken: IdTokenOverrides;
}

const DEFAULT_ACTOR = { login: "octocat", id: "583231" };

// A login's ID is the same in every job and start, as on GitHub.
function actorId(login: string): string {
  if (login === DEFAULT_ACTOR.login) return DEFAULT_ACTOR.id;
  return String((createHash("sha256").update(login).digest().readUInt32BE(0) % 90_000_000) + 10_000_000);
}

/** A new job of a `workflow_dispatch` run on `main`, on a GitHub-hosted runner. */
export function newGithubJob(options: GithubJobOptions, runNumber: number): GithubJob {
  const slug = options.taskSlug ?? taskOfEnvironment(options.environment);
  const actor = options.actor ?? DEFAULT_ACTOR.login;
  return {
    environment: options.environment,
    runId: newNumericId(11),
    runNumber: String(runNumber),
    runAttempt: "1",
    planId: randomUUID(),
    jobId: randomUUID(),
    jobName: "run",
    checkRunId: newNumericId(11),
    actor,
    actorId: actorId(actor),
    workflowPath: `.github/workflows/${slug ? `task-${slug}` : options.environment}.yml`,
    ref: "refs/heads/main",
    sha: newCommitSha(),
    eventName: "workflow_dispatch",
    idToken: { ...options.idToken },
  };
}
