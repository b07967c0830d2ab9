import { errorText } from "@repo/error-text";
import { githubStepOutput, taskRunEnv, type TaskRunOptions } from "@repo/local-run";
import { type LocalStack, RESOLVE_LOCALHOST_PRELOAD } from "@repo/local-stack";
import { AirplaneOutput, captureAirplaneOutput, parseTaskArgs, runnerVariables, taskFailureText } from "@repo/task-cli";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { vi } from "vitest";
import { airplaneDefinition } from "./unitTestTask";

/** A run of a task in the test's own process, as `npm run task` would have shown it. */
export interface InProcessRun {
  /** The output: the task's result, or on a failure what it set before (with `error` added); else undefined. */
  output: unknown;
  /**
   * Every line the run printed besides its output (its log: what it logged, and wrote to stdout or
   * stderr itself), which `npm run task` prints on stderr; in a GitHub job, as the runner shows it.
   */
  log: string[];
  /** What the task threw; undefined when the run succeeded. */
  error: unknown;
  /** The error as `npm run task` prints it (`Task <slug> failed: ...`); undefined when the run succeeded. */
  failure: string | undefined;
  /** The variables the run had, as Airplane (or GitHub, for a job) would set them for it. */
  env: Record<string, string>;
  /**
   * Everything the run showed or could show, for the no-secret checks (`leakedSecrets`): the
   * output's JSON, the log, the failure and the error inspected to its depths.
   */
  printed: string[];
}

/**
 * Runs a task as `npm run task -- <slug> ...` runs it, but in this process, against the stand-in:
 * `args` parsed by the task's declared parameters as the runner parses them, the handler called
 * through its `__airplane` definition under the run's environment (`withRunEnvironment`), its
 * `airplane.setOutput` calls and printed lines read as the runner reads them. `options` are those
 * of `runTaskOnStack` (`run`, `github`, `env`). Where the process is what is tested (its exit code,
 * stdout's JSON, a job summary), use `runTaskOnStack`.
 */
export async function runTaskInProcess(
  stack: LocalStack,
  task: unknown,
  args: string[],
  options: TaskRunOptions = {},
): Promise<InProcessRun> {
  const { config, baseFunc } = airplaneDefinition(task);
  const params = parseTaskArgs(args, config.parameters);
  return withRunEnvironment(stack, task, options, async (env) => {
    const output = new AirplaneOutput();
    let text = "";
    const print = (chunk: string) => {
      text += chunk;
      return true;
    };
    let error: unknown;
    try {
      const handler = async () => baseFunc(params);
      output.setReturned(
        await printingTo(print, () => captureAirplaneOutput(output, handler, (line) => print(`${line}\n`))),
      );
    } catch (caught) {
      error = caught;
      if (output.value !== undefined) output.setError(errorText(caught));
    }
    const shown = options.github ? githubStepOutput({ stdout: text, stderr: "", summary: "" }).stdout : text;
    const log = shown.split("\n").filter(Boolean);
    const failure = error === undefined ? undefined : taskFailureText(config.slug, error);
    const printed = [JSON.stringify(output.value) ?? "", ...log];
    if (error !== undefined) printed.push(failure ?? "", inspect(error, { depth: null, showHidden: true }));
    return { output: output.value, log, error, failure, env, printed };
  });
}

/** Runs `body` with what it writes to this process's stdout and stderr given to `print` instead. */
async function printingTo<T>(print: (text: string) => boolean, body: () => Promise<T>): Promise<T> {
  const write = (chunk: string | Uint8Array) =>
    print(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
  const streams = [vi.spyOn(process.stdout, "write"), vi.spyOn(process.stderr, "write")];
  for (const stream of streams) stream.mockImplementation(write);
  try {
    return await body();
  } finally {
    for (const stream of streams) stream.mockRestore();
  }
}

/** Platform variables the test's own shell may have (a CI job's, an AWS profile): never a run's own. */
const PLATFORM_VARIABLE = /^(AWS_|AIRPLANE_|GITHUB_|ACTIONS_|RUNNER_)|^CI$/;
let runInProgress = false;

/**
 * Calls `body` in the environment of a new run of the task on the stand-in (`taskRunEnv`, plus
 * what `npm run task` sets), as a run's process would have it: every other AWS, Airplane and
 * GitHub variable of this process is unset, and everything is put back after, so no stub outlives
 * the run. The environment is the process's, so runs cannot overlap; concurrent calls inside
 * `body` share this one run (its ID, so its credential session).
 */
export async function withRunEnvironment<T>(
  stack: LocalStack,
  task: unknown,
  options: TaskRunOptions,
  body: (env: Record<string, string>) => Promise<T>,
): Promise<T> {
  if (runInProgress) {
    throw new Error(
      "A task run is already in progress in this process (its environment is the process's): await it before " +
        "starting the next. A test that timed out may have left its run going.",
    );
  }
  const { config } = airplaneDefinition(task);
  const platformEnv = taskRunEnv(stack, config.slug, options);
  const env = { ...platformEnv, ...runnerVariables(config, platformEnv) };
  const unset = Object.keys(process.env).filter((name) => PLATFORM_VARIABLE.test(name) && !(name in env));
  const before = [...unset, ...Object.keys(env)].map((name) => [name, process.env[name]] as const);
  runInProgress = true;
  try {
    resolveLocalhostNames();
    for (const name of unset) vi.stubEnv(name, undefined);
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    return await body(env);
  } finally {
    for (const [name, value] of before) vi.stubEnv(name, value);
    runInProgress = false;
  }
}

/** What the stand-in's NODE_OPTIONS preloads into a run's process: S3 Control's `<account>.localhost` host names. */
function resolveLocalhostNames(): void {
  createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);
}
