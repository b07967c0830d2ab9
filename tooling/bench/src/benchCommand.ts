import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { type CommandIO, parseCommandArgs, processIO, runCommand } from "@repo/cli-kit";
import { join } from "node:path";
import { errorText } from "@repo/error-text";
import { accountsMarkdown, accountsResults } from "./accountsReport";
import { BENCHED_TASKS, requireBenchedTasks } from "./benchedTasks";
import { type BenchResults, machine, markdown, targets } from "./report";
import { bulkTagging } from "./suites/bulkTagging";
import { callCounts } from "./suites/callCounts";
import { devLoop, type DevLoopResult } from "./suites/devLoop";
import { multiAccount } from "./suites/multiAccount";
import { startUp } from "./suites/startUp";
import { REPO, RESULTS_DIR } from "./workDir";

const USAGE = `Usage: npm run bench [-- --quick] [-- --skip-dev-loop] [-- --report] [-- --accounts]

Measures, against the local stand-in, what a task run costs next to the way of Airplane's guide,
and writes tooling/bench/results/latest.md and latest.json.
  --quick          200 buckets and fewer runs, to try the benchmark out (results are not written)
  --skip-dev-loop  skip the cold and cached npm test (the slowest part)
  --report         measure nothing: write latest.md again from latest.json (after changing the report)
  --accounts       only tag_s3_buckets over 20 accounts (10 and 100 buckets each), written to results/accounts.md
                   and accounts.json; fails unless STS is called 1 + once per account
`;

const OPTIONS = {
  quick: { type: "boolean" },
  "skip-dev-loop": { type: "boolean" },
  report: { type: "boolean" },
  accounts: { type: "boolean" },
} as const;

/** `npm run bench`: every suite in turn, then the report (markdown and JSON). */
export function benchCommand(args: string[], io: CommandIO = processIO): Promise<number> {
  return runCommand(io, { usage: USAGE }, () => bench(parseCommandArgs(args, OPTIONS).values, io));
}

async function bench(
  options: { quick?: boolean; "skip-dev-loop"?: boolean; report?: boolean; accounts?: boolean },
  io: CommandIO,
) {
  if (options.report) {
    const results = JSON.parse(readFileSync(join(RESULTS_DIR, "latest.json"), "utf8")) as BenchResults;
    writeFileSync(join(RESULTS_DIR, "latest.md"), markdown(results));
    io.stdout.write(`${markdown(results)}\n`);
    return 0;
  }
  const quick = options.quick === true;
  const log = (line: string) => io.stderr.write(`${line}\n`);
  if (options.accounts) {
    requireBenchedTasks(REPO, [BENCHED_TASKS.tagBuckets]);
    log("tag_s3_buckets over many accounts...");
    const measured = await multiAccount({ accounts: 20, bucketCounts: [10, 100], latencyMs: 20, concurrency: 16, log });
    const results = accountsResults(measured, "npm run bench -- --accounts");
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, "accounts.md"), accountsMarkdown(results));
    writeFileSync(join(RESULTS_DIR, "accounts.json"), `${JSON.stringify(results, null, 2)}\n`);
    io.stdout.write(`${accountsMarkdown(results)}\n`);
    log("Written: tooling/bench/results/accounts.md and accounts.json");
    return 0;
  }

  requireBenchedTasks(REPO, Object.values(BENCHED_TASKS));
  log("1/4 calls per run...");
  const calls = await callCounts({ clients: 4, calls: 40 });
  log("2/4 bulk tagging...");
  const bulk = await bulkTagging({
    buckets: quick ? 200 : 1000,
    latencyMs: 20,
    concurrencies: [1, 4, 16, 64],
    repetitions: quick ? 1 : 3,
    sequentialSample: quick ? 50 : 200,
    log,
  });
  log("3/4 start-up...");
  const start = await startUp({ runs: quick ? 5 : 15 });
  const skipDevLoop = quick || options["skip-dev-loop"] === true;
  log(skipDevLoop ? "4/4 development loop: skipped" : "4/4 development loop (a cold npm test takes minutes)...");
  let loop: DevLoopResult | undefined;
  let devLoopFailure: string | undefined;
  try {
    loop = skipDevLoop ? undefined : await devLoop({ cachedRuns: 3 });
  } catch (error) {
    // Keep the minutes of measurements above: report them, and fail at the end.
    devLoopFailure = errorText(error);
  }

  const measured = {
    measuredAt: new Date().toISOString(),
    machine: machine(),
    calls,
    bulk,
    startUp: start,
    ...(loop ? { devLoop: loop } : {}),
  };
  const results: BenchResults = { ...measured, targets: targets(measured) };
  const report = markdown(results);
  io.stdout.write(`${report}\n`);
  if (!quick) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, "latest.md"), report);
    writeFileSync(join(RESULTS_DIR, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
    log(`Written: tooling/bench/results/latest.md and latest.json`);
  }
  if (devLoopFailure) {
    log(`The development loop failed, so it is missing from the report:\n${devLoopFailure}`);
    return 1;
  }
  return 0;
}
