import type { LocalStack, RunOptions } from "@repo/local-stack";
import { roleName } from "@repo/iam-terraform";
import { findRepoRoot } from "@repo/task-cli";
import { taskRunnerArgs } from "./compiledTaskRuns";
import { runNode } from "@repo/cli-kit";

export interface TaskRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The task's output: on success, and on a failure when the task set it first (with `error` added). */
  output: unknown;
  durationMs: number;
  /** The variables the run had, as Airplane would set them for it. */
  env: Record<string, string>;
}

export interface TaskRunOptions {
  /** Changes to the run Airplane would start (another env, a foreign token...). */
  run?: Partial<RunOptions>;
  /** Extra variables, e.g. to force AWS_AUTH_MODE. */
  env?: Record<string, string>;
}

/**
 * Runs a task the way a user does, `npm run task -- <slug> ...`, in a process of its own whose
 * environment points at the stand-in and nothing else: the task's code is the deployed code,
 * compiled as deploy compiles it.
 */
export async function runTaskOnStack(
  stack: LocalStack,
  slug: string,
  args: string[],
  options: TaskRunOptions = {},
): Promise<TaskRun> {
  const env = {
    ...stack.runEnv({ taskSlug: slug, roleName: roleName(slug), ...options.run }),
    // The SDK's advice to move to Node 22 is true but not this run's business.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...options.env,
  };
  const runner = await taskRunnerArgs(slug);
  const { exitCode, stdout, stderr, durationMs } = await runNode([...runner, slug, ...args], {
    env,
    cwd: findRepoRoot(),
  });
  const output: unknown = exitCode === 0 || stdout.trim() ? JSON.parse(stdout) : undefined;
  return { exitCode, stdout, stderr, output, durationMs, env };
}
