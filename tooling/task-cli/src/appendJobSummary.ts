import { appendFileSync, existsSync, statSync } from "node:fs";
import { failureText } from "@repo/cli-kit";
import { JOB_SUMMARY_LIMIT_BYTES, jobSummary, type TaskRunReport } from "./jobSummary";

/**
 * Appends the run to the job summary file (GitHub names it in `GITHUB_STEP_SUMMARY`), within what
 * is left of the step's 1 MiB. A summary that cannot be written is a warning on `warnings`: the
 * run's own outcome, and so the job's, stays the task's.
 */
export function appendJobSummary(
  summaryFile: string,
  run: TaskRunReport,
  warnings: { write(text: string): unknown },
): void {
  try {
    const used = existsSync(summaryFile) ? statSync(summaryFile).size : 0;
    const summary = jobSummary(run, JOB_SUMMARY_LIMIT_BYTES - used);
    if (summary === undefined) {
      warnings.write(`The job summary is full (GitHub keeps 1 MiB a step): ${run.slug}'s run is not in it.\n`);
      return;
    }
    appendFileSync(summaryFile, summary);
  } catch (error) {
    warnings.write(`Could not write the job summary: ${failureText(error)}\n`);
  }
}
