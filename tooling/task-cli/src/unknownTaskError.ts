import { didYouMean, UsageError } from "@repo/cli-kit";

/** A slug no task has: the message lists the tasks, and the nearest one when it is a likely typo. */
export class UnknownTaskError extends UsageError {
  constructor(slug: string, known: readonly string[]) {
    const nearest = didYouMean(slug, known);
    super(`No task has the slug "${slug}".${nearest ? ` Did you mean ${nearest}?` : ""} Tasks: ${known.join(", ")}.`);
  }
}
