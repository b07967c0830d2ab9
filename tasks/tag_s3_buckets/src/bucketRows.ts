import { errorText } from "@repo/error-text";
import {
  type BucketSummary,
  type TagChangeResult,
  WHOLE_SET_REPLACED_SUMMARY,
  WHOLE_SET_REPLACED_WARNING,
} from "@repo/s3-bucket-tags";

/** One row of the result table Airplane's run page shows: what happened to one bucket. */
export interface BucketRow {
  bucket: string;
  region: string | null;
  result: "changed" | "would change" | "unchanged" | "failed";
  detail: string;
  /** How it was written: one key with S3 Control, or the whole set with PutBucketTagging. */
  written_with: TagChangeResult["method"] | null;
}

export interface BucketsOutput {
  summary: string;
  /** Set when any bucket's whole tag set was replaced: a concurrent writer's change may be lost. */
  warning: string | null;
  buckets: BucketRow[];
}

export function bucketRow(result: TagChangeResult): BucketRow {
  const changed = result.outcome === "added" || result.outcome === "updated";
  return {
    bucket: result.bucket,
    region: result.region,
    result: !changed ? "unchanged" : result.dryRun ? "would change" : "changed",
    detail:
      result.outcome === "updated"
        ? `${result.key}: "${result.oldValue}" -> "${result.newValue}"`
        : result.outcome === "added"
          ? `${result.key} added`
          : `${result.key} already "${result.newValue}"`,
    written_with: result.method ?? null,
  };
}

export function failedRow(bucket: BucketSummary, error: unknown): BucketRow {
  return {
    bucket: bucket.name,
    region: bucket.region ?? null,
    result: "failed",
    detail: errorText(error),
    written_with: null,
  };
}

/** The task's output: the summary line (with the warning when a whole set was replaced) and the rows. */
export function bucketsOutput(
  rows: BucketRow[],
  change: { key: string; value: string; dryRun: boolean },
): BucketsOutput {
  const replaced = rows.filter((row) => row.written_with === "put-bucket-tagging").length;
  const summary = summarize(rows, change);
  if (replaced === 0) return { summary, warning: null, buckets: rows };
  return { summary: `${summary} ${WHOLE_SET_REPLACED_SUMMARY}`, warning: WHOLE_SET_REPLACED_WARNING, buckets: rows };
}

function summarize(rows: BucketRow[], { key, value, dryRun }: { key: string; value: string; dryRun: boolean }): string {
  const count = (result: BucketRow["result"]) => rows.filter((row) => row.result === result).length;
  const changed = dryRun ? `${count("would change")} would change` : `${count("changed")} changed`;
  const parts = [changed, `${count("unchanged")} unchanged`, `${count("failed")} failed`];
  return `${dryRun ? "Dry run: " : ""}${key}="${value}" on ${rows.length} bucket${rows.length === 1 ? "" : "s"}: ${parts.join(", ")}.`;
}

/**
 * The error that fails a run in which any bucket failed: a run that did not do all it was asked
 * must not look like a success (exit code, Airplane's run status). It names the first failures.
 */
export function failedRunError(rows: BucketRow[]): Error | undefined {
  const failed = rows.filter((row) => row.result === "failed");
  if (failed.length === 0) return undefined;
  const shown = failed.slice(0, 3).map((row) => `${row.bucket} (${row.detail})`);
  const more = failed.length > shown.length ? `, and ${failed.length - shown.length} more` : "";
  return new Error(
    `${failed.length} of ${rows.length} bucket${rows.length === 1 ? "" : "s"} failed: ${shown.join(", ")}${more}. ` +
      "Every bucket's row is in the output; fix the cause and run again (buckets already tagged stay unchanged).",
  );
}
