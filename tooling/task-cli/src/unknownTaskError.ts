import { closest, distance } from "fastest-levenshtein";
import { UsageError } from "@repo/cli-kit";

/** A slug no task has: the message lists the tasks, and the nearest one when it is a likely typo. */
export class UnknownTaskError extends UsageError {
  constructor(slug: string, known: readonly string[]) {
    super(`No task has the slug "${slug}".${suggestion(slug, known)} Tasks: ${known.join(", ")}.`);
  }
}

function suggestion(slug: string, known: readonly string[]): string {
  if (known.length === 0) return "";
  const nearest = closest(slug, [...known]);
  // A third of the slug's length in edits: "list_bucket_tags" finds list_s3_bucket_tags, while an
  // unrelated word finds nothing rather than a random task.
  return distance(slug, nearest) <= Math.max(2, Math.floor(slug.length / 3)) ? ` Did you mean ${nearest}?` : "";
}
