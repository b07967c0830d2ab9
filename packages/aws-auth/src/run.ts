import type { Tag } from "@aws-sdk/client-sts";

/** The run a task's credentials are for, as its platform describes it in the environment. */
export interface TaskRun {
  platform?: "airplane" | "github";
  /** Airplane's run ID; on GitHub, `<GITHUB_RUN_ID>-<GITHUB_RUN_ATTEMPT>` (a re-run keeps the run ID). */
  id?: string;
  /** The task slug: Airplane sets it, and `npm run task` sets it on every platform. */
  task?: string;
  /** Who started the run: Airplane's requester, GitHub's actor. */
  requester?: string;
  /** Airplane's environment (prod, studio). */
  env?: string;
  /** GitHub's `owner/repository`. */
  repository?: string;
}

export function taskRun(env: NodeJS.ProcessEnv): TaskRun {
  const common = env.AIRPLANE_TASK_SLUG ? { task: env.AIRPLANE_TASK_SLUG } : {};
  // Airplane first: its runs (and the stand-in's) set AIRPLANE_RUN_ID, which GitHub never does,
  // and a test suite running them in a GitHub Actions job must still see an Airplane run.
  if (env.AIRPLANE_RUN_ID) {
    return defined({
      platform: "airplane",
      id: env.AIRPLANE_RUN_ID,
      ...common,
      requester: env.AIRPLANE_REQUESTER_EMAIL || env.AIRPLANE_REQUESTER_ID,
      env: env.AIRPLANE_ENV_SLUG,
    });
  }
  if (env.GITHUB_ACTIONS === "true" && env.GITHUB_RUN_ID) {
    return defined({
      platform: "github",
      id: `${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? "1"}`,
      ...common,
      requester: env.GITHUB_ACTOR,
      repository: env.GITHUB_REPOSITORY,
    });
  }
  return common;
}

const MAX_SESSION_NAME = 64;

/**
 * The session name CloudTrail shows in every call made with the credentials
 * (`assumed-role/<role>/<session name>`): the run, plus the task slug when it fits, so an audit
 * goes from an AWS event to the run that caused it. Airplane's run IDs start with "run"; GitHub's
 * are numbers, so they are prefixed with the platform.
 */
export function roleSessionNameForRun(env: NodeJS.ProcessEnv): string {
  const run = taskRun(env);
  const task = sanitize(run.task ?? "");
  if (run.id) {
    const id = sanitize(run.platform === "github" ? `github-${run.id}` : run.id);
    const withTask = task ? `${id}.${task}` : id;
    const name = withTask.length <= MAX_SESSION_NAME ? withTask : id.slice(0, MAX_SESSION_NAME);
    return name.length >= 2 ? name : `run-${name}`;
  }
  return `aws-auth.${task || "task"}`.slice(0, MAX_SESSION_NAME);
}

function sanitize(value: string): string {
  return value.replace(/[^\w+=,.@-]/g, "-");
}

/**
 * CloudTrail records each call's user agent: with the run in it, the STS event itself leads back
 * to the run, as the session name does for every later call.
 */
export function runUserAgent(env: NodeJS.ProcessEnv): Array<[string, string]> {
  const run = taskRun(env);
  return run.platform && run.id ? [[`${run.platform}-run`, run.id]] : [];
}

/**
 * The session tags of a chained session: a member account's CloudTrail shows them, and its
 * policies can test them (`aws:PrincipalTag/Task`). The keys are the same on every platform, so a
 * member account's policies need not know where a task runs.
 */
export const SESSION_TAG_KEYS = {
  platform: "Platform",
  runId: "RunId",
  task: "Task",
  requester: "Requester",
  env: "Env",
  repository: "Repository",
} as const;

// STS's rules for session tags: values up to 256 characters of letters, digits, spaces and
// _ . : / = + - @. Run values are sanitized to fit, never rejected.
const DISALLOWED_IN_TAG = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;
const MAX_TAG_VALUE = 256;

/** Variables a run lacks (`airplane dev` sets no requester) give no tag. */
export function sessionTagsForRun(env: NodeJS.ProcessEnv): Tag[] {
  const run = taskRun(env);
  const values: Array<[string, string | undefined]> = [
    [SESSION_TAG_KEYS.platform, run.platform],
    [SESSION_TAG_KEYS.runId, run.id],
    [SESSION_TAG_KEYS.task, run.task],
    [SESSION_TAG_KEYS.requester, run.requester],
    [SESSION_TAG_KEYS.env, run.env],
    [SESSION_TAG_KEYS.repository, run.repository],
  ];
  return values
    .map(([Key, value]) => ({ Key, Value: (value ?? "").replace(DISALLOWED_IN_TAG, "_").slice(0, MAX_TAG_VALUE) }))
    .filter((tag) => tag.Value !== "");
}

function defined(run: { [K in keyof TaskRun]: TaskRun[K] | undefined }): TaskRun {
  return Object.fromEntries(Object.entries(run).filter(([, value]) => value)) as TaskRun;
}
