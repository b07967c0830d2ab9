import { errorText } from "@repo/error-text";
import {
  type BucketSummary,
  type TagChangeResult,
  WHOLE_SET_REPLACED_SUMMARY,
  WHOLE_SET_REPLACED_WARNING,
} from "@repo/s3-bucket-tags";

/** One row of the result table Airplane's run page shows: what happened to one bucket. */
export interface BucketRow {
  /** The account the bucket belongs to, when known (the task's own credentials may not say). */
  account: string | null;
  /** Null on the row of an account whose buckets could not be listed, or reached at all. */
  bucket: string | null;
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

export function bucketRow(account: string | null, result: TagChangeResult): BucketRow {
  const changed = result.outcome === "added" || result.outcome === "updated";
  return {
    account,
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

/** A bucket that failed, or, with no bucket, an account whose role refused or whose listing failed. */
export function failedRow(account: string | null, bucket: BucketSummary | null, error: unknown): BucketRow {
  return {
    account,
    bucket: bucket?.name ?? null,
    region: bucket?.region ?? null,
    result: "failed",
    detail: errorText(error),
    written_with: null,
  };
}

/** The task's output: the summary line (with the warning when a whole set was replaced) and the rows. */
export function bucketsOutput(rows: BucketRow[], change: ChangeSummary): BucketsOutput {
  const replaced = rows.filter((row) => row.written_with === "put-bucket-tagging").length;
  const summary = summarize(rows, change);
  if (replaced === 0) return { summary, warning: null, buckets: rows };
  return { summary: `${summary} ${WHOLE_SET_REPLACED_SUMMARY}`, warning: WHOLE_SET_REPLACED_WARNING, buckets: rows };
}

export interface ChangeSummary {
  key: string;
  value: string;
  dryRun: boolean;
  /** How many accounts were walked, when the run was given accounts (or an Organization). */
  accounts?: number;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

function summarize(rows: BucketRow[], { key, value, dryRun, accounts }: ChangeSummary): string {
  const count = (result: BucketRow["result"]) => rows.filter((row) => row.result === result).length;
  const buckets = rows.filter((row) => row.bucket !== null);
  const changed = dryRun ? `${count("would change")} would change` : `${count("changed")} changed`;
  const parts = [
    changed,
    `${count("unchanged")} unchanged`,
    `${buckets.filter((row) => row.result === "failed").length} failed`,
  ];
  const unreached = rows.length - buckets.length;
  const where = accounts === undefined ? "" : ` in ${plural(accounts, "account")}`;
  const accountsFailed = unreached > 0 ? ` ${plural(unreached, "account")} could not be listed or reached.` : "";
  return `${dryRun ? "Dry run: " : ""}${key}="${value}" on ${plural(buckets.length, "bucket")}${where}: ${parts.join(", ")}.${accountsFailed}`;
}

/** How a row is named in the run's error: its bucket, with its account in a run over several. */
function rowName(row: BucketRow): string {
  if (row.bucket === null) return `account ${row.account ?? "(own)"}`;
  return row.account === null ? row.bucket : `${row.account}/${row.bucket}`;
}

/**
 * The error that fails a run in which any bucket failed: a run that did not do all it was asked
 * must not look like a success (exit code, Airplane's run status). It names the first failures.
 */
export function failedRunError(rows: BucketRow[], { withAccounts = false } = {}): Error | undefined {
  const failed = rows.filter((row) => row.result === "failed");
  if (failed.length === 0) return undefined;
  const name = withAccounts ? rowName : (row: BucketRow) => row.bucket ?? rowName(row);
  const shown = failed.slice(0, 3).map((row) => `${name(row)} (${row.detail})`);
  const more = failed.length > shown.length ? `, and ${failed.length - shown.length} more` : "";
  const what = withAccounts ? "rows" : "buckets";
  return new Error(
    `${failed.length} of ${rows.length} ${rows.length === 1 ? what.slice(0, -1) : what} failed: ${shown.join(", ")}${more}. ` +
      "Every bucket's row is in the output; fix the cause and run again (buckets already tagged stay unchanged).",
  );
}
