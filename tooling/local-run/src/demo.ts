import { type CommandIO, parseCommandArgs, processIO, runCommand } from "@repo/cli-kit";
import { type LocalStack, type LocalStackConfig, startLocalStack } from "@repo/local-stack";
import { discoverTasks, findRepoRoot, needsValue, taskFile } from "@repo/task-cli";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEMO_BUCKET, repoStackConfig, trustedPlatforms } from "./repoStackConfig";
import { formatTags } from "./formatTags";
import { runTaskOnStack } from "./runTaskOnStack";
import { githubJob, runCost, runTrace } from "./runTrace";
import { serveUntilStopped } from "./serve";

const USAGE = `Usage: npm start [-- --keep]

Runs add_s3_bucket_tag on the local stand-in for Airplane, GitHub Actions and AWS (127.0.0.1, set
up from infra/terraform) through npm run task, as an Airplane run and then as its GitHub Actions
job, and prints the token, the role, the session and the tags of each. A repository without
add_s3_bucket_tag runs its first task that needs no parameters instead.
  --keep  then keep the stand-in running, with the lines to use it by hand (Ctrl-C stops it)
`;

const DEMO_TASK = "add_s3_bucket_tag";
const DEMO_ARGS = ["--bucket", DEMO_BUCKET.name, "--key", "owner", "--value", "data-platform"];
// The same task as its GitHub Actions job: another change to the same bucket, which reports the old value.
const DEMO_GITHUB_ARGS = ["--bucket", DEMO_BUCKET.name, "--key", "cost-center", "--value", "cc-5678"];

interface TagChangeOutput {
  summary: string;
  tags_before: Array<{ key: string; value: string }>;
  tags_after: Array<{ key: string; value: string }>;
  written_with: string | null;
}

/** A run `npm start` shows. */
interface ShownRun {
  slug: string;
  args: string[];
  /** As the step of the task's GitHub Actions job, rather than an Airplane run. */
  github?: boolean;
}

/**
 * `npm start`: the whole flow with no AWS account and no network. Starts the stand-in set up from
 * infra/terraform, runs add_s3_bucket_tag through `npm run task` with only the environment
 * pointing at it, and prints what happened: the token, the role, the session, the tags.
 */
export function demo(
  args: string[],
  io: CommandIO = processIO,
  stackConfig: () => LocalStackConfig = repoStackConfig,
): Promise<number> {
  return runCommand(io, { usage: USAGE }, () =>
    runDemo(parseCommandArgs(args, { keep: { type: "boolean" } }).values, io, stackConfig),
  );
}

async function runDemo(
  { keep }: { keep?: boolean },
  io: CommandIO,
  stackConfig: () => LocalStackConfig,
): Promise<number> {
  const print = (line: string) => io.stdout.write(`${line}\n`);
  const shown = shownRun(findRepoRoot());
  if (shown?.slug !== DEMO_TASK) print(withoutDemoTask(shown));
  // Nothing to show is not a failure: CI runs npm start in a repository a team cut down.
  if (!shown) return 0;
  const config = stackConfig();
  // As an Airplane run and as its GitHub Actions job, for the platforms the roles trust (npm run setup).
  const trusted = trustedPlatforms(config);
  const runs = [
    ...(trusted.airplane ? [shown] : []),
    ...(trusted.github && (shown.slug === DEMO_TASK || !trusted.airplane)
      ? [{ ...shown, args: shown.slug === DEMO_TASK ? DEMO_GITHUB_ARGS : shown.args, github: true }]
      : []),
  ];
  const stack = await startLocalStack({ config });
  try {
    print(
      "Local stand-in for Airplane, GitHub Actions and AWS (STS, S3, S3 Control, IAM, Organizations) started on 127.0.0.1: nothing leaves this machine.",
    );
    for (const run of runs) {
      if (!(await showRun(stack, run, print))) return 1;
    }
    print("Any task runs the same way: npm run task -- --help lists them.");
    if (keep) await serveUntilStopped(stack, config.buckets, print);
    return 0;
  } finally {
    await stack.stop();
  }
}

/** One run through `npm run task`, traced from its own requests; false when it failed (its error printed). */
async function showRun(stack: LocalStack, shown: ShownRun, print: (line: string) => void): Promise<boolean> {
  const started = performance.now();
  const before = stack.requests.length;
  const options = shown.github ? ["--local", "--github"] : ["--local"];
  print(`$ npm run task -- ${[...options, shown.slug, ...shown.args].join(" ")}`);
  const run = await runTaskOnStack(stack, shown.slug, shown.args, shown.github ? { github: {} } : {});
  if (run.exitCode !== 0) {
    print(run.stderr.trim());
    return false;
  }
  const requests = stack.requests.slice(before);
  if (shown.github) for (const line of githubJob(shown.slug, run.env)) print(line);
  for (const line of runTrace(requests, run)) print(line);
  const output = shown.slug === DEMO_TASK ? tagChange(run.output as TagChangeOutput) : asJson(run.output);
  for (const line of output) print(line);
  if (run.summary) print("  and the job summary (GITHUB_STEP_SUMMARY), which npm run task -- --local --github prints");
  print(runCost(requests, started));
  return true;
}

/**
 * add_s3_bucket_tag on the demo bucket; in a repository without it (npm run remove-task), the first
 * task that needs no parameters, run with none; nothing when every task needs some.
 */
function shownRun(root: string): ShownRun | undefined {
  if (existsSync(taskFile(root, DEMO_TASK))) return { slug: DEMO_TASK, args: DEMO_ARGS };
  const runnable = discoverTasks(join(root, "tasks")).find(
    (task) => !Object.values(task.config.parameters ?? {}).some(needsValue),
  );
  return runnable && { slug: runnable.slug, args: [] };
}

function withoutDemoTask(instead: ShownRun | undefined): string {
  const gone = `${DEMO_TASK}, the task npm start shows, is not in this repository any more`;
  return instead
    ? `${gone}: it runs ${instead.slug} instead, the first task that needs no parameters.`
    : `${gone}, and every task it has needs parameters. Run one on the local stand-in with ` +
        "npm run task -- --local <task_slug> --<parameter> <value> (npm run task -- --help lists them).";
}

function tagChange(output: TagChangeOutput): string[] {
  return [
    `  tags before: ${formatTags(output.tags_before)}`,
    `  tags after:  ${formatTags(output.tags_after)}`,
    `  ${output.summary}`,
  ];
}

function asJson(output: unknown): string[] {
  return JSON.stringify(output, null, 2)
    .split("\n")
    .map((line) => `  ${line}`);
}
