import type { Tag } from "./tagChange";
import type { TagChangeResult, WriteMethod } from "./bucketTagger";

/** What a task returns for one tag change: shaped for Airplane's run page (snake_case, tables of tags). */
export interface TagChangeReport {
  summary: string;
  bucket: string;
  region: string;
  outcome: TagChangeResult["outcome"];
  dry_run: boolean;
  /** How the change was written: one key through S3 Control, or the whole set with PutBucketTagging. */
  written_with: WriteMethod | null;
  /** Set when the whole tag set was replaced: a concurrent writer's change may be lost. */
  warning: string | null;
  change: { key: string; old_value: string | null; new_value: string | null };
  tags_before: Tag[];
  tags_after: Tag[];
  /** The change as Airplane's run page lists it: each known field, as term and description. */
  rows: Array<{ term: string; description: string }>;
}

/** The warning of a PutBucketTagging write, short enough for a summary line. */
export const WHOLE_SET_REPLACED_SUMMARY =
  "Warning: the whole tag set was replaced (PutBucketTagging), so a change another writer made at the same time may be lost.";

export function tagChangeReport(result: TagChangeResult): TagChangeReport {
  const report = {
    summary: result.warning ? `${summarize(result)} ${WHOLE_SET_REPLACED_SUMMARY}` : summarize(result),
    bucket: result.bucket,
    region: result.region,
    outcome: result.outcome,
    dry_run: result.dryRun,
    written_with: result.method ?? null,
    warning: result.warning ?? null,
    change: { key: result.key, old_value: result.oldValue ?? null, new_value: result.newValue ?? null },
    tags_before: result.tagsBefore,
    tags_after: result.tagsAfter,
  };
  return { ...report, rows: displayRows(report) };
}

/** The rows of the run page's description list, in order; a field without a value (no warning) is left out. */
function displayRows(report: Omit<TagChangeReport, "rows">): TagChangeReport["rows"] {
  const rows: Array<[string, string | null]> = [
    ["Result", report.summary],
    ["Bucket", report.bucket],
    ["Region", report.region],
    ["Key", report.change.key],
    ["Value before", report.change.old_value],
    ["Value after", report.change.new_value],
    ["Tags after", report.tags_after.map((tag) => `${tag.key}=${tag.value}`).join(", ")],
    ["Written with", report.written_with],
    ["Warning", report.warning],
  ];
  return rows.flatMap(([term, description]) => (description ? [{ term, description }] : []));
}

function summarize(result: TagChangeResult): string {
  const tag = `"${result.key}"`;
  const where = `bucket ${result.bucket}`;
  const kept = result.tagsBefore.length - (result.oldValue === undefined ? 0 : 1);
  const others = `${kept} other tag${kept === 1 ? "" : "s"} kept`;
  const act = (done: string, planned: string) => (result.dryRun ? `Dry run: would ${planned}` : done);
  switch (result.outcome) {
    case "added":
      return `${act("Added", "add")} ${tag}="${result.newValue}" to ${where}; ${others}.`;
    case "updated":
      return `${act("Updated", "update")} ${tag} on ${where} from "${result.oldValue}" to "${result.newValue}"; ${others}.`;
    case "removed":
      return `${act("Removed", "remove")} ${tag} (was "${result.oldValue}") from ${where}; ${others}.`;
    case "unchanged":
      return `${tag} already is "${result.newValue}" on ${where}: nothing to write.`;
    case "absent":
      return `${where} has no tag ${tag}: nothing to remove.`;
  }
}

/** How Airplane's run page shows a {@link TagChangeReport}: the description list it carries. */
export const TAG_CHANGE_OUTPUT_DISPLAY = { type: "descriptionList", value: "{{output.rows}}" } as const;
