import { type BucketConfig, startLocalStack } from "@repo/local-stack";
import { UsageError } from "@repo/cli-kit";
import { runTaskCommand } from "@repo/task-cli";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { repoStackConfig } from "./repoStackConfig";
import { runCost, runTrace } from "./runTrace";
import { runTaskOnStack } from "./runTaskOnStack";
import { shellQuote } from "./shellQuote";

export const LOCAL_USAGE =
  "Usage: npm run task -- --local [--state <file>] [--json] <task_slug> [--<parameter> <value>]...";

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
  const rest = args[0] === "--local" ? args.slice(1) : [...args];
  let statePath: string | undefined;
  let json = false;
  while (rest[0]?.startsWith("--")) {
    const option = rest.shift();
    if (option === "--json") json = true;
    else if (option === "--state") {
      statePath = rest.shift();
      if (!statePath || statePath.startsWith("--")) throw new UsageError(`--state needs a file.\n${LOCAL_USAGE}`);
    } else throw new UsageError(`Unknown option ${option} before the task's slug.\n${LOCAL_USAGE}`);
  }
  const [slug, ...taskArgs] = rest;
  if (!slug) throw new UsageError(`Name the task to run.\n${LOCAL_USAGE}`);
  return { slug, taskArgs, ...(statePath ? { statePath } : {}), json };
}

/** The buckets a state file keeps, or undefined for a file not written yet (the first run). */
export function readState(path: string): BucketConfig[] | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const { buckets } = JSON.parse(readFileSync(path, "utf8")) as { buckets: BucketConfig[] };
    if (!Array.isArray(buckets)) throw new Error('no "buckets" list');
    return buckets;
  } catch (error) {
    throw new UsageError(`${path} is not a state file of npm run task -- --local: delete it to start afresh.`, {
      cause: error,
    });
  }
}

/**
 * `npm run task -- --local <slug> ...`: starts the stand-in in this process, seeded as `npm start`
 * seeds it (or from `--state`), runs the task as a fresh Airplane run with its own token and role,
 * prints the trace `npm start` prints and the task's output, and stops the stand-in.
 */
export async function runLocally(
  args: readonly string[],
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  printError: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  let parsed: LocalRunArgs;
  let seed: BucketConfig[] | undefined;
  try {
    parsed = parseLocalArgs(args);
    seed = parsed.statePath ? readState(parsed.statePath) : undefined;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printError(error.message);
    return 1;
  }
  const { slug, taskArgs, statePath, json } = parsed;
  // Help needs no stand-in.
  if (taskArgs.includes("--help") || taskArgs.includes("-h")) return runTaskCommand([slug, "--help"]);
  const started = performance.now();
  const stack = await startLocalStack({ config: repoStackConfig(seed) });
  try {
    const run = await runTaskOnStack(stack, slug, taskArgs);
    if (json) {
      if (run.exitCode === 0) print(run.stdout.trimEnd());
      else printError(run.stderr.trimEnd());
      return run.exitCode;
    }
    print(`$ npm run task -- --local ${[slug, ...taskArgs].map(shellQuote).join(" ")}`);
    for (const line of runTrace(stack, run)) print(line);
    if (run.exitCode !== 0) {
      printError(run.stderr.trimEnd());
      return run.exitCode;
    }
    print(run.stdout.trimEnd());
    if (statePath) {
      writeFileSync(statePath, `${JSON.stringify({ buckets: stack.buckets() }, null, 2)}\n`);
    }
    print(`${runCost(stack, started)}${statePath ? ` Buckets and tags kept in ${statePath}.` : ""}`);
    return 0;
  } finally {
    await stack.stop();
  }
}
