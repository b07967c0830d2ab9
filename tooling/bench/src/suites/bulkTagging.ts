import { roleName } from "@repo/iam-terraform";
import { testStackConfig } from "@repo/local-run";
import { type BucketConfig, type LocalStack, SERVICE_NAMES, startLocalStack } from "@repo/local-stack";
import { median, round, runNode, taskOutput } from "../measure";
import { baselineFile, deployedBundle, SHIM, benchedTaskFile } from "../workDir";
import { BENCHED_TASKS } from "../benchedTasks";

export interface BulkLevel {
  concurrency: number;
  runs: number;
  /** Buckets actually tagged; when fewer than all, the time is scaled up to all of them. */
  sampledBuckets: number;
  /** Median of the task's own time, from the call into the task to its output. */
  taskMs: number;
  requests: number;
  /** requests x latency / concurrency: no implementation can beat it. */
  lowerBoundMs: number;
  ratioToBound: number;
  /** CPU time per request in the task's process, and in the stand-in's (this process). */
  taskCpuPerRequestMs: number;
  standInCpuPerRequestMs: number;
  maxRssMiB: number;
  failedBuckets: number;
  lostTags: number;
}

export interface BulkResult {
  buckets: number;
  latencyMs: number;
  levels: BulkLevel[];
  guide: {
    sampledBuckets: number;
    taskMs: number;
    requests: number;
    lostTags: number;
    bucketsThatLostTags: number;
    maxRssMiB: number;
  };
}

const TASK = BENCHED_TASKS.tagBuckets;
const ORIGINAL_TAGS = { owner: "team-a", env: "prod" };

/**
 * tag_s3_buckets on `buckets` buckets, every request to the stand-in delayed by `latencyMs`, at
 * each concurrency, next to the bound and to the guide's way (one bucket at a time, credentials
 * each time, PutBucketTagging of the one tag). Every bucket is checked after every run.
 *
 * One-at-a-time runs (concurrency 1 and the guide's) take minutes at this latency and scale
 * linearly, so they tag the first `sequentialSample` buckets and their time and requests are
 * scaled to all of them; the report says so.
 */
export async function bulkTagging(options: {
  buckets: number;
  latencyMs: number;
  concurrencies: number[];
  repetitions: number;
  sequentialSample: number;
  log: (line: string) => void;
}): Promise<BulkResult> {
  const names = Array.from({ length: options.buckets }, (_, i) => `bulk-${String(i).padStart(5, "0")}`);
  const buckets: BucketConfig[] = names.map((name) => ({ name, region: "us-east-1", tags: { ...ORIGINAL_TAGS } }));
  const stack = await startLocalStack({ config: testStackConfig(buckets) });
  try {
    for (const service of SERVICE_NAMES) stack.inject({ service, latencyMs: options.latencyMs });
    const ours = await deployedBundle(benchedTaskFile(TASK), TASK);
    const levels: BulkLevel[] = [];
    for (const concurrency of options.concurrencies) {
      // One-at-a-time runs are long and steady: one sample of them is enough.
      const sequential = concurrency === 1;
      const runs = sequential ? 1 : options.repetitions;
      const tagged = sequential ? names.slice(0, options.sequentialSample) : names;
      const scale = names.length / tagged.length;
      const samples: Array<Omit<BulkLevel, "concurrency" | "runs" | "sampledBuckets">> = [];
      for (let run = 0; run < runs; run++) {
        const value = `c${concurrency}-run${run}`;
        stack.resetLog();
        const standInCpu = process.cpuUsage();
        const params = sequential
          ? { buckets: tagged, key: "bench", value, concurrency, dry_run: false }
          : { prefix: "bulk-", key: "bench", value, concurrency, dry_run: false };
        const result = await runNode([SHIM, ours.outfile, "default", JSON.stringify(params)], runEnv(stack, TASK));
        const { user, system } = process.cpuUsage(standInCpu);
        const output = taskOutput(result) as { buckets: Array<{ result: string }> };
        const requests = stack.requests.length * scale;
        const lowerBoundMs = (requests * options.latencyMs) / concurrency;
        const taskMs = (result.report?.runMs ?? NaN) * scale;
        samples.push({
          taskMs,
          requests,
          lowerBoundMs,
          ratioToBound: taskMs / lowerBoundMs,
          taskCpuPerRequestMs: (result.report?.cpuMs ?? NaN) / stack.requests.length,
          standInCpuPerRequestMs: (user + system) / 1000 / stack.requests.length,
          maxRssMiB: (result.report?.maxRssKiB ?? NaN) / 1024,
          failedBuckets: output.buckets.filter((row) => row.result === "failed").length,
          lostTags: lostTags(stack, tagged, { ...ORIGINAL_TAGS, bench: value }),
        });
        options.log(`  concurrency ${concurrency}, run ${run + 1}: ${round(taskMs)} ms, ${requests} requests`);
      }
      levels.push({
        concurrency,
        runs,
        sampledBuckets: tagged.length,
        taskMs: round(median(samples.map((sample) => sample.taskMs))),
        requests: round(median(samples.map((sample) => sample.requests))),
        lowerBoundMs: round(median(samples.map((sample) => sample.lowerBoundMs))),
        ratioToBound: round(median(samples.map((sample) => sample.ratioToBound)), 2),
        taskCpuPerRequestMs: round(median(samples.map((sample) => sample.taskCpuPerRequestMs)), 2),
        standInCpuPerRequestMs: round(median(samples.map((sample) => sample.standInCpuPerRequestMs)), 2),
        maxRssMiB: round(Math.max(...samples.map((sample) => sample.maxRssMiB)), 1),
        failedBuckets: Math.max(...samples.map((sample) => sample.failedBuckets)),
        lostTags: Math.max(...samples.map((sample) => sample.lostTags)),
      });
    }
    const sample = names.slice(0, options.sequentialSample);
    return {
      buckets: options.buckets,
      latencyMs: options.latencyMs,
      levels,
      guide: await guideWay(stack, sample, names.length / sample.length, options),
    };
  } finally {
    await stack.stop();
  }
}

async function guideWay(stack: LocalStack, names: string[], scale: number, options: { log: (line: string) => void }) {
  const bundle = await deployedBundle(baselineFile("guideTagBuckets"), "guide_tag_s3_buckets");
  stack.resetLog();
  const params = { buckets: names, key: "bench", value: "guide" };
  const result = await runNode([SHIM, bundle.outfile, "default", JSON.stringify(params)], runEnv(stack, TASK));
  const before = { ...ORIGINAL_TAGS, bench: "guide" };
  const bucketsThatLostTags = names.filter((name) => lostTags(stack, [name], before) > 0).length;
  options.log(
    `  the guide's way, one bucket at a time, ${names.length} buckets: ${round(result.report?.runMs ?? NaN)} ms`,
  );
  return {
    sampledBuckets: names.length,
    taskMs: round((result.report?.runMs ?? NaN) * scale),
    requests: round(stack.requests.length * scale),
    lostTags: round(lostTags(stack, names, before) * scale),
    bucketsThatLostTags: round(bucketsThatLostTags * scale),
    maxRssMiB: round((result.report?.maxRssKiB ?? NaN) / 1024, 1),
  };
}

function runEnv(stack: LocalStack, slug: string): Record<string, string> {
  return {
    ...stack.runEnv({ taskSlug: slug, roleName: roleName(slug) }),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** How many tags that should be on the buckets are not there, or differ. */
function lostTags(stack: LocalStack, names: string[], expected: Record<string, string>): number {
  return names.reduce((lost, name) => {
    const actual = stack.bucketTags(name);
    return lost + Object.entries(expected).filter(([key, value]) => actual[key] !== value).length;
  }, 0);
}
