import { type BucketConfig, type LocalStack, type LocalStackConfig, startLocalStack } from "@repo/local-stack";
import { type CommandIO, failureText, processIO, shellQuote } from "@repo/cli-kit";
import {
  displayedOutput,
  findRepoRoot,
  formatDisplayedOutput,
  requireTask,
  taskParams,
  type TaskRunRequest,
} from "@repo/task-cli";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compiledTaskDefinition } from "./compiledTaskRuns";
import { repoStackConfig, trustedPlatforms } from "./repoStackConfig";
import { githubJob, runCost, runTrace } from "./runTrace";
import { runTaskOnStack, type TaskRun } from "./runTaskOnStack";

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

function saveState(path: string, stack: LocalStack): void {
  writeFileSync(path, `${JSON.stringify({ buckets: stack.buckets() }, null, 2)}\n`);
}

// A repository set up for GitHub Actions alone (npm run setup --github): --local plays its job.
const AS_GITHUB_JOB =
  "(infra/terraform trusts no Airplane team, so the run is the task's GitHub Actions job, as --github asks.)";

const NO_GITHUB_REPOSITORY =
  "infra/terraform trusts no GitHub repository, so no GitHub Actions job may assume a task's role: add one with " +
  "npm run setup, giving --github <owner>/<repo> --github-owner-id <id> --github-repository-id <id> " +
  "(gh api repos/<owner>/<repo> --jq '.owner.id, .id') beside the settings you use, then run this again.";

/**
 * `npm run task -- --local [--github] <slug> ...`: checks the task's arguments, starts the
 * stand-in in this process, seeded as `npm start` seeds it (or from `--state`), runs the task as a
 * fresh Airplane run with its own token and role (with `--github`, as the step of its GitHub
 * Actions job, with GitHub's variables and a job summary file), prints the trace `npm start`
 * prints, the task's log and output (and the job summary), and stops the stand-in. `stackConfig`:
 * the stand-in's configuration for the buckets of `--state`, by default the repository's.
 */
export async function runLocally(
  request: TaskRunRequest,
  io: CommandIO = processIO,
  stackConfig: (seed?: BucketConfig[]) => LocalStackConfig = repoStackConfig,
): Promise<number> {
  const { slug, taskArgs, statePath, json } = request;
  // Checked here, not by the run's own process: a mistake is told before a stand-in starts.
  const task = (await compiledTaskDefinition(slug)) ?? requireTask(join(findRepoRoot(), "tasks"), slug);
  taskParams(request, task.config.parameters);
  const print = (text: string) => io.stdout.write(`${text}\n`);
  const printError = (text: string) => io.stderr.write(`${text}\n`);
  let seed: BucketConfig[] | undefined;
  try {
    seed = statePath ? readState(statePath) : undefined;
  } catch (error) {
    printError(failureText(error));
    return 1;
  }
  const config = stackConfig(seed);
  const trusted = trustedPlatforms(config);
  const github = request.github || !trusted.airplane;
  if (github && !trusted.github) {
    printError(NO_GITHUB_REPOSITORY);
    return 1;
  }
  const started = performance.now();
  const stack = await startLocalStack({ config });
  try {
    const run = await runTaskOnStack(stack, slug, taskArgs, github ? { github: {} } : {});
    // Whatever the outcome: a run that fails may have written first, and AWS would keep that.
    if (statePath) saveState(statePath, stack);
    const kept = statePath ? ` Buckets and tags kept in ${statePath}.` : "";
    // The run's stderr is its log (progress, warnings, the error): shown whether it failed or not,
    // as Airplane shows a run's logs, and never mixed into the JSON of --json.
    const logged = run.stderr.trimEnd();
    if (json) {
      if (logged) printError(logged);
      if (run.exitCode === 0) print(run.stdout.trimEnd());
      return run.exitCode;
    }
    const options = github ? ["--local", "--github"] : ["--local"];
    if (github && !request.github) print(AS_GITHUB_JOB);
    print(`$ npm run task -- ${[...options, slug, ...taskArgs].map(shellQuote).join(" ")}`);
    if (github) for (const line of githubJob(slug, run.env)) print(line);
    for (const line of runTrace(stack.requests, run)) print(line);
    if (run.exitCode !== 0) {
      printError(`${logged}${kept ? `\n${kept.trim()}` : ""}`);
    } else {
      if (logged) print(logged);
      print(await shownOutput(slug, run, io));
      print(`${runCost(stack.requests, started)}${kept}`);
    }
    // Last, as GitHub shows it below the job's log: a failed run's too, with the rows it set.
    if (run.summary !== undefined) print(jobSummary(run.summary));
    return run.exitCode;
  } finally {
    await stack.stop();
  }
}

function jobSummary(markdown: string): string {
  const heading = "Job summary ($GITHUB_STEP_SUMMARY, the Markdown GitHub shows on the run's page):";
  return markdown.trim() ? `\n${heading}\n\n${markdown.trimEnd()}` : `\n${heading} empty.`;
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
