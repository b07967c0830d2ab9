import { existsSync } from "node:fs";
import { relative } from "node:path";
import { UsageError } from "@repo/cli-kit";
import { taskFile } from "@repo/task-cli";

/** The tasks of this repository the suites measure, each beside the guide's version of it. */
export const BENCHED_TASKS = {
  /** One tag on one bucket: the calls per run and the start-up. */
  addTag: "add_s3_bucket_tag",
  /** One tag on many buckets: the bulk tagging and the run over many accounts. */
  tagBuckets: "tag_s3_buckets",
} as const;

/**
 * Refuses, before minutes of measuring, to bench tasks the repository no longer has (npm run
 * remove-task takes them out): the suites compare exactly these tasks with the guide's.
 */
export function requireBenchedTasks(root: string, slugs: readonly string[]): void {
  const missing = slugs.filter((slug) => !existsSync(taskFile(root, slug)));
  if (missing.length === 0) return;
  const files = missing.map((slug) => relative(root, taskFile(root, slug))).join(", ");
  throw new UsageError(
    `npm run bench measures ${slugs.join(" and ")} beside the guide's versions of them, and this repository ` +
      `no longer has ${missing.join(" or ")} (no ${files}). Restore it from git, or remove the benchmarks ` +
      "too: npm run remove-task -- tooling/bench",
  );
}
