import type { BucketSummary, TagChangeResult } from "@repo/s3-bucket-tags";

/** One row of the result table Airplane's run page shows: what happened to one bucket. */
export interface BucketRow {
  bucket: string;
  region: string | null;
  result: "changed" | "would change" | "unchanged" | "failed";
  detail: string;
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
  };
}

export function failedRow(bucket: BucketSummary, error: unknown): BucketRow {
  const reason =
    error instanceof Error
      ? error.message.startsWith(error.name)
        ? error.message
        : `${error.name}: ${error.message}`
      : String(error);
  return { bucket: bucket.name, region: bucket.region ?? null, result: "failed", detail: reason };
}

export function summarize(
  rows: BucketRow[],
  { key, value, dryRun }: { key: string; value: string; dryRun: boolean },
): string {
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
