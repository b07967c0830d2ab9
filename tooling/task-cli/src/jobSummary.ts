import { markdownText } from "./markdownText";
import { cellText, type DisplayedOutput, displayedOutput } from "./outputDisplay";
import type { TaskConfig } from "./taskDefinition";

/** GitHub keeps at most 1 MiB of job summary per step. */
export const JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** What a job summary says about one run of a task. */
export interface TaskRunReport {
  slug: string;
  /** Undefined when the run failed before the task was found. */
  config: TaskConfig | undefined;
  outcome: "succeeded" | "failed";
  /** What the task set or returned (undefined for nothing), as `npm run task` prints it. */
  output: unknown;
  /** Why the run failed. */
  error?: string;
}

/** Markdown lines of one output: fixed ones around a body that may be cut (rows, items or lines). */
interface OutputLines {
  head: string[];
  body: string[];
  tail: string[];
  unit: string;
}

/**
 * The run as Airplane's run page showed it, in Markdown: a heading with the task and the outcome,
 * the error of a failed run, then its output as its display says (a table, a description list,
 * anything else as JSON). A summary over `maxBytes` keeps the first rows that fit and says so
 * (the whole output is on the job's log); undefined when not even the heading fits.
 */
export function jobSummary(run: TaskRunReport, maxBytes = JOB_SUMMARY_LIMIT_BYTES): string | undefined {
  const title = run.config?.name ? `${run.config.name} (${run.slug})` : run.slug;
  const heading = [`## ${markdownText(title)}: ${run.outcome}`, ""];
  if (run.error !== undefined) heading.push(`> ${markdownText(run.error)}`, "");
  const { head, body, tail, unit } = outputLines(run.config, run.output);
  const render = (kept: number, note: string[]) =>
    `${[...heading, ...head, ...body.slice(0, kept), ...tail, ...note].join("\n")}\n\n`;
  const whole = render(body.length, []);
  if (byteLength(whole) <= maxBytes) return whole;
  const note = (kept: number) => [
    "",
    `_The job summary shows the first ${kept} of ${body.length} ${unit}: GitHub keeps 1 MiB of it a step. ` +
      "The whole output is on the job's log._",
  ];
  // The note for every line kept is no shorter than the note for fewer.
  let room = maxBytes - byteLength(render(0, note(body.length)));
  let kept = 0;
  while (kept < body.length && byteLength(`${body[kept]}\n`) <= room) room -= byteLength(`${body[kept++]}\n`);
  return room >= 0 ? render(kept, note(kept)) : undefined;
}

function outputLines(config: TaskConfig | undefined, output: unknown): OutputLines {
  if (output === undefined) return { head: ["_The task set no output._"], body: [], tail: [], unit: "lines" };
  const displayed = displayOf(config, output);
  if (displayed?.type === "table" && displayed.columns.length > 0) {
    const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return {
      head: [row(displayed.columns.map(({ label }) => markdownText(label))), row(displayed.columns.map(() => "---"))],
      body: displayed.rows.map((cells) => row(cells.map((cell) => markdownText(cellText(cell))))),
      tail: [],
      unit: "rows",
    };
  }
  if (displayed?.type === "descriptionList") {
    return {
      head: [],
      body: displayed.items.map(({ term, description }) => {
        return `- **${markdownText(cellText(term))}**: ${markdownText(cellText(description))}`;
      }),
      tail: [],
      unit: "items",
    };
  }
  // JSON.stringify writes a line break in a string as \n, so no line of it can close the fence.
  const json = JSON.stringify(output, null, 2).split("\n");
  return { head: ["```json"], body: json, tail: ["```"], unit: "lines of JSON" };
}

// A failed run's output may lack what its display reads: it is then shown as JSON, like any other.
function displayOf(config: TaskConfig | undefined, output: unknown): DisplayedOutput | undefined {
  try {
    return displayedOutput(config?.outputDisplay, output);
  } catch {
    return undefined;
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
