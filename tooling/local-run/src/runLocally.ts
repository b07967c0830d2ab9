import { type BucketConfig, startLocalStack } from "@repo/local-stack";
import { type CommandIO, parseCommandArgs, processIO, runCommand, UsageError } from "@repo/cli-kit";
import { displayedOutput, formatDisplayedOutput, runTaskCommand } from "@repo/task-cli";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { compiledTaskDefinition } from "./compiledTaskRuns";
import { repoStackConfig } from "./repoStackConfig";
import { runCost, runTrace } from "./runTrace";
import { runTaskOnStack, type TaskRun } from "./runTaskOnStack";
import { shellQuote } from "./shellQuote";

export const LOCAL_USAGE = `Usage: npm run task -- --local [--state <file>] [--json] <task_slug> [--<parameter> <value>]...

Runs the task as a fresh Airplane run on the local stand-in, started in this process (no AWS, no
Airplane), and prints its token, role, AWS calls, log and output. npm run task -- <task_slug>
--help lists its parameters.
  --state <file>  keep the stand-in's buckets and tags in <file> between runs
  --json          print the task's output alone, as JSON, for a pipe
`;

const LOCAL_OPTIONS = { state: { type: "string" }, json: { type: "boolean" } } as const;

export interface LocalRunArgs {
  slug: string;
  taskArgs: string[];
  /** Where the stand-in's buckets and tags are kept between commands. */
  statePath?: string;
  /** Print the task's output alone, as JSON, for a pipe. */
  json: boolean;
}

/**
 * The options of the local run come before the slug, and everything after it is the task's: a
 * task may have a parameter named `state` or `json`.
 */
export function parseLocalArgs(args: readonly string[]): LocalRunArgs {
  const own = args[0] === "--local" ? args.slice(1) : args;
  const { values, positionals } = parseCommandArgs(own, LOCAL_OPTIONS, { optionsFirst: true });
  const [slug, ...taskArgs] = positionals;
  if (!slug) throw new UsageError("Name the task to run.");
  return { slug, taskArgs, ...(values.state ? { statePath: values.state } : {}), json: values.json === true };
}

/** The buckets a state file keeps, or undefined for a file not written yet (the first run). */
export function readState(path: string): BucketConfig[] | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const { buckets } = JSON.parse(readFileSync(path, "utf8")) as { buckets: BucketConfig[] };
    if (!Array.isArray(buckets)) throw new Error('no "buckets" list');
    return buckets;
  } catch (error) {
    throw new Error(`${path} is not a state file of npm run task -- --local: delete it to start afresh.`, {
      cause: error,
    });
  }
}

/**
 * `npm run task -- --local <slug> ...`: starts the stand-in in this process, seeded as `npm start`
 * seeds it (or from `--state`), runs the task as a fresh Airplane run with its own token and role,
 * prints the trace `npm start` prints and the task's output, and stops the stand-in.
 */
export function runLocally(args: readonly string[], io: CommandIO = processIO): Promise<number> {
  return runCommand(io, { usage: LOCAL_USAGE }, () => runOnStandIn(parseLocalArgs(args), io));
}

async function runOnStandIn({ slug, taskArgs, statePath, json }: LocalRunArgs, io: CommandIO): Promise<number> {
  const print = (text: string) => io.stdout.write(`${text}\n`);
  const printError = (text: string) => io.stderr.write(`${text}\n`);
  // Help needs no stand-in.
  if (taskArgs.includes("--help") || taskArgs.includes("-h")) return runTaskCommand([slug, "--help"], io);
  const seed = statePath ? readState(statePath) : undefined;
  const started = performance.now();
  const stack = await startLocalStack({ config: repoStackConfig(seed) });
  try {
    const run = await runTaskOnStack(stack, slug, taskArgs);
    // The run's stderr is its log (progress, warnings, the error): shown whether it failed or not,
    // as Airplane shows a run's logs, and never mixed into the JSON of --json.
    const logged = run.stderr.trimEnd();
    if (json) {
      if (logged) printError(logged);
      if (run.exitCode === 0) print(run.stdout.trimEnd());
      return run.exitCode;
    }
    print(`$ npm run task -- --local ${[slug, ...taskArgs].map(shellQuote).join(" ")}`);
    for (const line of runTrace(stack, run)) print(line);
    if (run.exitCode !== 0) {
      printError(logged);
      return run.exitCode;
    }
    if (logged) print(logged);
    print(await shownOutput(slug, run, io));
    if (statePath) {
      writeFileSync(statePath, `${JSON.stringify({ buckets: stack.buckets() }, null, 2)}\n`);
    }
    print(`${runCost(stack, started)}${statePath ? ` Buckets and tags kept in ${statePath}.` : ""}`);
    return 0;
  } finally {
    await stack.stop();
  }
}

/**
 * The output as `npm run task` prints it: on a terminal, the task's table or description list
 * (its outputDisplay), else JSON. The run's own stdout is a pipe, so its runner printed JSON.
 */
async function shownOutput(slug: string, run: TaskRun, io: CommandIO): Promise<string> {
  const task = io.stdout.isTTY ? await compiledTaskDefinition(slug) : undefined;
  const displayed = task ? displayedOutput(task.config.outputDisplay, run.output) : undefined;
  return displayed ? formatDisplayedOutput(displayed) : run.stdout.trimEnd();
}
