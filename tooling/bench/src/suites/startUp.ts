import { roleName } from "@repo/iam-terraform";
import { testStackConfig } from "@repo/local-run";
import { startLocalStack } from "@repo/local-stack";
import { findTaskFiles } from "@repo/task-cli";
import { basename, join } from "node:path";
import { median, round, runNode } from "../measure";
import { baselineFile, deployedBundle, REPO, SHIM, benchedTaskFile } from "../workDir";
import { BENCHED_TASKS } from "../benchedTasks";

export interface StartUpSide {
  /** Median, from spawning the process to its exit. */
  wallMs: number;
  /** Median, from the start of the process to the task's output. */
  toOutputMs: number;
  /** Median time to require the bundle (and what it requires). */
  loadMs: number;
  bundleBytes: number;
  awsRequests: number;
}

export interface StartUpResult {
  runs: number;
  ours: StartUpSide;
  guide: StartUpSide;
  bundles: Array<{ task: string; bytes: number }>;
}

const TASK = BENCHED_TASKS.addTag;

/**
 * One add_s3_bucket_tag run as Airplane runs it (its minified bundle through a runtime shim)
 * against the stand-in with no added latency, ours against the guide's task, alternating so that
 * both see the same machine. Also the minified size of every task's bundle.
 */
export async function startUp({ runs }: { runs: number }): Promise<StartUpResult> {
  const bucket = { name: "startup-bucket", region: "us-east-1", tags: { team: "platform" } };
  const stack = await startLocalStack({ config: testStackConfig([bucket]) });
  try {
    const ours = await deployedBundle(benchedTaskFile(TASK), TASK);
    const guide = await deployedBundle(baselineFile("guideAddS3BucketTag"), "guide_add_s3_bucket_tag");
    const env = {
      ...stack.runEnv({ taskSlug: TASK, roleName: roleName(TASK) }),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
    const samples = { ours: [] as Sample[], guide: [] as Sample[] };
    for (let run = 0; run < runs; run++) {
      for (const [side, bundle] of [
        ["ours", ours.outfile],
        ["guide", guide.outfile],
      ] as const) {
        stack.resetLog();
        const params = { bucket: bucket.name, key: "startup", value: `${side}-${run}`, dry_run: false };
        const result = await runNode([SHIM, bundle, "default", JSON.stringify(params)], env);
        samples[side].push({
          wallMs: result.wallMs,
          toOutputMs: result.report?.processMs ?? NaN,
          loadMs: result.report?.loadMs ?? NaN,
          awsRequests: stack.requests.filter((entry) => entry.service !== "airplane").length,
        });
      }
    }
    const bundles = await Promise.all(
      findTaskFiles(join(REPO, "tasks")).map(async (file) => {
        const task = basename(file).replace(/\.airplane\.ts$/, "");
        return { task, bytes: (await deployedBundle(file, task)).bytes };
      }),
    );
    bundles.push({ task: "guide_add_s3_bucket_tag (the guide's)", bytes: guide.bytes });
    return {
      runs,
      ours: summarize(samples.ours, ours.bytes),
      guide: summarize(samples.guide, guide.bytes),
      bundles: bundles.sort((a, b) => a.task.localeCompare(b.task)),
    };
  } finally {
    await stack.stop();
  }
}

interface Sample {
  wallMs: number;
  toOutputMs: number;
  loadMs: number;
  awsRequests: number;
}

function summarize(samples: Sample[], bundleBytes: number): StartUpSide {
  return {
    wallMs: round(median(samples.map((sample) => sample.wallMs))),
    toOutputMs: round(median(samples.map((sample) => sample.toOutputMs))),
    loadMs: round(median(samples.map((sample) => sample.loadMs))),
    bundleBytes,
    awsRequests: round(median(samples.map((sample) => sample.awsRequests))),
  };
}
