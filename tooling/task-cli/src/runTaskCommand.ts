import { join } from "node:path";
import { type CommandIO, failureText, processIO, runCommand, shellQuote, UsageError } from "@repo/cli-kit";
import { errorText } from "@repo/error-text";
import { AirplaneOutput, captureAirplaneOutput } from "./airplaneOutput";
import { appendJobSummary } from "./appendJobSummary";
import { checkLocalApiHost } from "./checkLocalApiHost";
import { discoverTasks, requireTask } from "./discoverTasks";
import type { TaskRunReport } from "./jobSummary";
import { LiveProgress } from "./liveProgress";
import { displayedOutput, formatDisplayedOutput } from "./outputDisplay";
import type { TaskConfig } from "./taskDefinition";
import { taskHelp, tasksHelp } from "./taskHelp";
import { parseTaskRunRequest, taskParams, type TaskRunRequest } from "./taskRunRequest";
import { UnknownTaskError } from "./unknownTaskError";
import { findRepoRoot } from "./workspace";

/** Runs a `--local` request on the local stand-in (`@repo/local-run`, which `npm run task` passes). */
export type LocalRunner = (request: TaskRunRequest, io: CommandIO) => Promise<number>;

export interface RunTaskSettings {
  /** Where the tasks are. Default: `tasks/` at the repository root. */
  tasksDir?: string;
  /** What runs a `--local` request; without it, `--local` is refused. */
  local?: LocalRunner;
}

/**
 * `npm run task -- [--local [--state <file>]] [--json] <slug> [--<param> <value>]...`: runs one task
 * of this repository the way Airplane's runtime does (through `__airplane.baseFunc`), prints its
 * output as JSON on stdout and returns the exit code: 0 on success, 1 with a message on stderr
 * otherwise. A failed run prints the output it set before failing (`airplane.setOutput`), with the
 * error under `error`, as Airplane's run page shows it. On a terminal, a task with a `table` or
 * `descriptionList` outputDisplay is printed as that table instead, and its progress lines as one
 * live bar; `--json` prints the raw output. Off a terminal, or with `--json`, the task's log lines
 * go to stderr, so that stdout is the output's JSON alone. `--local` hands the run to `local`. On GitHub
 * Actions (`GITHUB_STEP_SUMMARY` names a file) the run, failed or not, is also appended to the job
 * summary as Markdown.
 */
export function runTaskCommand(
  args: string[],
  io: CommandIO = processIO,
  { tasksDir = join(findRepoRoot(), "tasks"), local }: RunTaskSettings = {},
): Promise<number> {
  // The usage lists every task, so it loads them all: only when it is printed.
  return runCommand(io, { usage: () => tasksHelp(discoverTasks(tasksDir)) }, () =>
    runTask(parseTaskRunRequest(args, process.env), io, tasksDir, local),
  );
}

/** One run: its own errors, the task's parameters included, point at the task's help rather than print it. */
async function runTask(
  request: TaskRunRequest,
  io: CommandIO,
  tasksDir: string,
  local: LocalRunner | undefined,
): Promise<number> {
  const { slug, taskArgs, json } = request;
  const output = new AirplaneOutput();
  let config: TaskConfig | undefined;
  try {
    if (taskArgs.includes("--help") || taskArgs.includes("-h")) {
      io.stdout.write(`${taskHelp(requireTask(tasksDir, slug))}\n`);
      return 0;
    }
    if (request.local) {
      if (!local) throw new UsageError("--local runs the task on the local stand-in, which npm run task starts.");
      return await local(request, io);
    }
    const task = requireTask(tasksDir, slug);
    config = task.config;
    const params = taskParams(request, task.config.parameters);
    await checkLocalApiHost(process.env.AIRPLANE_API_HOST);
    Object.assign(process.env, runnerVariables(task.config, process.env));
    const terminal = io.stdout.isTTY && !json;
    const progress = terminal ? new LiveProgress(io.stdout) : undefined;
    // Off a terminal stdout carries the output's JSON alone, for a pipe (`npm run -s task ... | jq`):
    // the task's log lines (progress included), which Airplane shows in the run's log, go to stderr.
    const toStderr = (line: string) => {
      io.stderr.write(`${line}\n`);
      return true;
    };
    const take = progress ? (line: string) => progress.take(line) : toStderr;
    try {
      output.setReturned(await captureAirplaneOutput(output, () => task.run(params), take));
    } finally {
      progress?.end();
    }
    const displayed = terminal ? displayedOutput(task.config.outputDisplay, output.value) : undefined;
    io.stdout.write(
      `${displayed ? formatDisplayedOutput(displayed) : JSON.stringify(output.value ?? null, null, 2)}\n`,
    );
    summarize({ slug, config, outcome: "succeeded", output: output.value }, io);
    return 0;
  } catch (error) {
    const message = errorText(error);
    if (output.value !== undefined) {
      output.setError(message);
      io.stdout.write(`${JSON.stringify(output.value, null, 2)}\n`);
    }
    io.stderr.write(`${describeFailure(request, error, process.env)}\n`);
    summarize({ slug, config, outcome: "failed", output: output.value, error: message }, io);
    return 1;
  }
}

/** On GitHub Actions, the run page is the job summary: the run is appended to it. */
function summarize(run: TaskRunReport, io: CommandIO): void {
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) appendJobSummary(summaryFile, run, io.stderr);
}

/**
 * What Airplane's runtime sets for a run and a local shell lacks: the task's slug, and the
 * envVars the task declares as literal values and `env` does not set. Config-var envVars
 * (`{ config: ... }`) come from the shell, under the variable's own name, as Airplane cannot be
 * asked for them here.
 */
export function runnerVariables(config: TaskConfig, env: NodeJS.ProcessEnv): Record<string, string> {
  const variables: Record<string, string> = { AIRPLANE_TASK_SLUG: config.slug };
  for (const [name, value] of Object.entries(config.envVars ?? {})) {
    const literal = typeof value === "string" ? value : "value" in value ? value.value : undefined;
    if (literal !== undefined && env[name] === undefined) variables[name] = literal;
  }
  return variables;
}

/** How the runner reports a task's error on stderr. */
export function taskFailureText(slug: string, error: unknown): string {
  return `Task ${slug} failed: ${failureText(error)}`;
}

function describeFailure({ slug, local }: TaskRunRequest, error: unknown, env: NodeJS.ProcessEnv): string {
  if (error instanceof UnknownTaskError) return `${error.message}\nSee: npm run task -- --help`;
  if (error instanceof UsageError) return `${error.message}\nSee: npm run task -- ${slug} --help`;
  const failure = taskFailureText(slug, error);
  // A shell with neither names no AWS a task could reach: most often `npm run task --local <slug>`
  // without `--`, whose --local npm takes for itself, leaving no trace the runner could read.
  if (local || env.AWS_REGION || env.AIRPLANE_API_HOST) return failure;
  return (
    `${failure}\nThis shell sets neither AWS_REGION nor AIRPLANE_API_HOST. To run the task on the local ` +
    `stand-in instead (no AWS account needed): npm run task -- --local ${shellQuote(slug)} ... (with the --, ` +
    "or npm takes --local for itself)."
  );
}
