import { parseCommandArgs, shellQuote, UsageError } from "@repo/cli-kit";
import { parseTaskArgs, UnknownParameterError } from "./parseTaskArgs";
import type { ParameterConfig } from "./taskDefinition";

/**
 * `npm run task`'s own options. They come before the slug: everything after it is the task's, so
 * a task may have a parameter named json or state.
 */
export const RUNNER_OPTIONS = {
  local: { type: "boolean" },
  github: { type: "boolean" },
  state: { type: "string" },
  json: { type: "boolean" },
} as const;

type RunnerOption = keyof typeof RUNNER_OPTIONS;

/** The options that only a run on the local stand-in takes, and what each does there. */
const NEEDS_LOCAL = {
  state: "--state keeps the local stand-in's buckets and tags between runs",
  // On GitHub itself, a task's workflow runs npm run task -- <slug>: --github plays that job here.
  github: "--github runs the task as its GitHub Actions job would, on the local stand-in",
} as const;

type LocalOption = keyof typeof NEEDS_LOCAL;

/** One `npm run task -- [options] <slug> [task arguments]` command line. */
export interface TaskRunRequest {
  slug: string;
  /** The task's own arguments, after the slug. */
  taskArgs: string[];
  /** Run the task on the local stand-in, started for this run. */
  local: boolean;
  /** With `local`: run it as its GitHub Actions job would, rather than as an Airplane run. */
  github: boolean;
  /** With `local`: the file keeping the stand-in's buckets and tags between runs. */
  statePath?: string;
  /** Print the task's output alone, as JSON, for a pipe. */
  json: boolean;
}

/** Reads the runner's options and the slug; the task's arguments are read once its parameters are known. */
export function parseTaskRunRequest(args: readonly string[], env: NodeJS.ProcessEnv): TaskRunRequest {
  const { values, positionals } = parseCommandArgs(args, RUNNER_OPTIONS, { optionsFirst: true });
  const [slug, ...taskArgs] = positionals;
  const request = {
    slug: slug ?? "<task_slug>",
    taskArgs,
    local: values.local === true,
    github: values.github === true,
    json: values.json === true,
  };
  const missing = (Object.keys(RUNNER_OPTIONS) as RunnerOption[]).filter((name) => values[name] === undefined);
  refuseWhatNpmTook(missing, env, (taken) => [
    ...(taken.includes("local") ? [] : ["[--local]"]),
    ...taken.map((name) => (name === "state" ? "--state <file>" : `--${name}`)),
    shellQuote(request.slug),
    "...",
  ]);
  if (!slug) throw new UsageError("Name the task to run.");
  const parsed = { ...request, slug, ...(values.state !== undefined ? { statePath: values.state } : {}) };
  const needsLocal = (Object.keys(NEEDS_LOCAL) as LocalOption[]).find((name) => values[name] !== undefined);
  if (needsLocal && !parsed.local) {
    const fixed = [...runnerArgs({ ...parsed, local: true }), slug].map(shellQuote).join(" ");
    throw new UsageError(`${NEEDS_LOCAL[needsLocal]}: give --local too, as in npm run task -- ${fixed} ...`);
  }
  return parsed;
}

/**
 * The task's parameter values from its arguments (`parseTaskArgs`), with two mistakes explained:
 * a runner option after the slug, and options npm took for itself because `--` was left out.
 */
export function taskParams(
  request: TaskRunRequest,
  parameters: Record<string, ParameterConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
): Record<string, unknown> {
  const given = (name: string) => request.taskArgs.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  refuseWhatNpmTook(
    Object.keys(parameters).filter((name) => !given(name)),
    env,
    (taken) => ["[--local]", shellQuote(request.slug), ...taken.map((name) => `--${name} ...`)],
  );
  try {
    return parseTaskArgs(request.taskArgs, parameters);
  } catch (error) {
    if (error instanceof UnknownParameterError && Object.hasOwn(RUNNER_OPTIONS, error.parameter)) {
      throw misplacedRunnerOption(error, request);
    }
    throw error;
  }
}

/** The runner's options as typed. */
function runnerArgs({ local, github, statePath, json }: Omit<TaskRunRequest, "slug" | "taskArgs">): string[] {
  return [
    ...(local ? ["--local"] : []),
    ...(github ? ["--github"] : []),
    ...(statePath !== undefined ? ["--state", statePath] : []),
    ...(json ? ["--json"] : []),
  ];
}

function misplacedRunnerOption(error: UnknownParameterError, request: TaskRunRequest): UsageError {
  const name = error.parameter as RunnerOption;
  const { taskArgs, slug } = request;
  const takesValue = RUNNER_OPTIONS[name].type === "string" && !taskArgs[error.index]?.includes("=");
  const end = error.index + (takesValue ? 2 : 1);
  const fixed = [
    ...runnerArgs(request),
    ...taskArgs.slice(error.index, end),
    slug,
    ...taskArgs.slice(0, error.index),
    ...taskArgs.slice(end),
  ];
  return new UsageError(
    `--${name} is an option of npm run task, not a parameter of ${slug}: put it before the slug, as in ` +
      `npm run task -- ${fixed.map(shellQuote).join(" ")}`,
    { cause: error },
  );
}

/**
 * `npm run task --local <slug> --bucket b`, without `--`: npm reads every option before a `--` as
 * its own, sets `npm_config_<name>=true` for one it does not know and passes the task only the
 * rest. Refused before the run: a run without the `--dry_run` npm took would write for real.
 * (`--local` leaves no trace: npm 10 and 11 read it as their own `--no-global`; see runTaskCommand.)
 */
function refuseWhatNpmTook(
  names: readonly string[],
  env: NodeJS.ProcessEnv,
  typed: (taken: readonly string[]) => string[],
): void {
  const taken = names.filter((name) => env[`npm_config_${name}`] === "true");
  if (taken.length === 0) return;
  const flags = taken.map((name) => `--${name}`).join(", ");
  const variables = taken.map((name) => `npm_config_${name}=true`).join(", ");
  throw new UsageError(
    `npm took ${flags} for itself (it set ${variables}), so the task never saw ${taken.length > 1 ? "them" : "it"}: ` +
      "npm reads every option before a -- as its own. Put -- right after npm run task: " +
      `npm run task -- ${typed(taken).join(" ")} (if an .npmrc sets ${taken.join(", ")}, remove it there).`,
  );
}
