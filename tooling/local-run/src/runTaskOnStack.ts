import type { GithubJobOptions, LocalStack, RunOptions } from "@repo/local-stack";
import { roleName } from "@repo/iam-terraform";
import { taskEnvironment } from "@repo/oidc-issuers";
import { findRepoRoot } from "@repo/task-cli";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { taskRunnerArgs } from "./compiledTaskRuns";
import { githubStepOutput } from "./githubStepOutput";
import { type NodeRun, runNode } from "@repo/cli-kit";

export interface TaskRun {
  exitCode: number;
  /** As shown: on GitHub, with the runner's workflow commands consumed and masked values as `***`. */
  stdout: string;
  stderr: string;
  /** The task's output: on success, and on a failure when the task set it first (with `error` added). */
  output: unknown;
  durationMs: number;
  /** The variables the run had, as Airplane (or GitHub, for a job) would set them for it. */
  env: Record<string, string>;
  /** A GitHub job's: the Markdown the run appended to GITHUB_STEP_SUMMARY, as GitHub shows it. */
  summary?: string;
}

interface CommonOptions {
  /** Extra variables, e.g. to force AWS_AUTH_MODE. */
  env?: Record<string, string>;
}

export type TaskRunOptions = CommonOptions &
  (
    | {
        /** Changes to the run Airplane would start (another env, a foreign token...). */
        run?: Partial<RunOptions>;
        github?: never;
      }
    | {
        /**
         * Run the task as its GitHub Actions job instead: environment `task-<slug>`, the task's
         * role, with these changes (another environment, no `id-token: write`...).
         */
        github: Partial<GithubJobOptions>;
        run?: never;
      }
  );

/**
 * Runs a task the way a user does, `npm run task -- <slug> ...`, in a process of its own whose
 * environment points at the stand-in and nothing else: the task's code is the deployed code,
 * compiled as deploy compiles it. A fresh Airplane run of the task, or with `github`, the step of
 * its GitHub Actions job that runs `npm run task` (as its workflow does), with a job summary file.
 */
export async function runTaskOnStack(
  stack: LocalStack,
  slug: string,
  args: string[],
  options: TaskRunOptions = {},
): Promise<TaskRun> {
  const env = taskRunEnv(stack, slug, options);
  if (options.github) return runAsGithubJob(slug, args, env);
  return taskRun(await runTaskProcess(slug, args, env), env);
}

/**
 * The variables a run of the task gets on the stand-in: a fresh Airplane run's (`stack.runEnv`),
 * or with `github`, those of the step of its job (`stack.githubJobEnv`: environment `task-<slug>`,
 * no GITHUB_STEP_SUMMARY, which names a file of the step); the task's role either way.
 */
export function taskRunEnv(stack: LocalStack, slug: string, options: TaskRunOptions = {}): Record<string, string> {
  const platformEnv = options.github
    ? stack.githubJobEnv({
        environment: taskEnvironment(slug),
        roleName: roleName(slug),
        taskSlug: slug,
        ...options.github,
      })
    : stack.runEnv({ taskSlug: slug, roleName: roleName(slug), ...options.run });
  return {
    ...platformEnv,
    // The SDK's advice to move to Node 22 is true but not this run's business.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...options.env,
  };
}

/**
 * The job's step on GitHub's runner: the runner's variables for the task's job, a new job summary
 * file (the runner creates one per step, and removes it after), and the output as the runner shows it.
 */
async function runAsGithubJob(slug: string, args: string[], jobEnv: Record<string, string>): Promise<TaskRun> {
  const folder = mkdtempSync(join(tmpdir(), "github-step-"));
  try {
    const summaryFile = join(folder, `step_summary_${randomUUID()}`);
    writeFileSync(summaryFile, "");
    const env = { ...jobEnv, GITHUB_STEP_SUMMARY: summaryFile };
    const { stdout, stderr, ...step } = await runTaskProcess(slug, args, env);
    return taskRun(
      { ...step, ...githubStepOutput({ stdout, stderr, summary: readFileSync(summaryFile, "utf8") }) },
      env,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** `npm run task -- <slug> ...` in a process of its own, compiled as deploy compiles the task. */
async function runTaskProcess(slug: string, args: string[], env: Record<string, string>): Promise<NodeRun> {
  return runNode([...(await taskRunnerArgs(slug)), slug, ...args], { env, cwd: findRepoRoot() });
}

function taskRun(step: NodeRun & { summary?: string }, env: Record<string, string>): TaskRun {
  const output: unknown = step.exitCode === 0 || step.stdout.trim() ? JSON.parse(step.stdout) : undefined;
  return { ...step, output, env };
}
