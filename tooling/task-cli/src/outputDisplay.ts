import Table from "cli-table3";

/** The `table` and `descriptionList` output displays of the Airplane SDK (0.2.85, internal/config.d.ts). */
export type OutputDisplayConfig =
  | { type: "table"; value?: string; columns?: { label: string; accessor: string }[] }
  | { type: "descriptionList"; value?: string }
  | { type: string; value?: string };

/** What a display shows for one output: the table's header and cells, or the list's terms. */
export type DisplayedOutput =
  | { type: "table"; columns: { label: string; accessor: string }[]; rows: unknown[][] }
  | { type: "descriptionList"; items: { term: string; description: unknown }[] };

/**
 * What Airplane's run page shows for `output` under `display`, for the two display types our tasks
 * use; undefined for the others (shown as JSON). Airplane evaluates a `value` JST (`{{ expression }}`)
 * in its web app with `output` in scope; no published package does that, so a template that is one
 * whole `{{ }}` expression is evaluated here as JavaScript, and any other template is refused.
 */
export function displayedOutput(
  display: OutputDisplayConfig | undefined,
  output: unknown,
): DisplayedOutput | undefined {
  if (display?.type !== "table" && display?.type !== "descriptionList") return undefined;
  const value = display.value === undefined ? output : evaluateTemplate(display.value, output);
  if (display.type === "descriptionList") {
    if (!Array.isArray(value))
      throw new TypeError("A descriptionList display's value must be a list of { term, description }.");
    return { type: "descriptionList", items: value as { term: string; description: unknown }[] };
  }
  const records = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
  const columns =
    ("columns" in display && display.columns) ||
    [...new Set(records.flatMap((row) => Object.keys(row)))].map((key) => ({ label: key, accessor: key }));
  return { type: "table", columns, rows: records.map((row) => columns.map(({ accessor }) => row[accessor])) };
}

function evaluateTemplate(template: string, output: unknown): unknown {
  const whole = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(template);
  if (!whole?.[1] || whole[1].includes("}}")) {
    throw new TypeError(`Only a template that is one whole {{ expression }} can be shown here, not: ${template}`);
  }
  // The template is the task's own code (its config), not input: evaluating it is running the task's code.
  // oxlint-disable-next-line no-new-func, typescript/no-implied-eval
  const evaluate = new Function("output", `return (${whole[1]});`) as (output: unknown) => unknown;
  return evaluate(output);
}

/** The display as terminal text: a table for a table, a two-column table of terms for a description list. */
export function formatDisplayedOutput(displayed: DisplayedOutput): string {
  if (displayed.type === "descriptionList") {
    const list = new Table();
    list.push(...displayed.items.map(({ term, description }) => ({ [term]: cellText(description) })));
    return list.toString();
  }
  const table = new Table({ head: displayed.columns.map(({ label }) => label), wordWrap: true });
  table.push(...displayed.rows.map((row) => row.map(cellText)));
  return table.toString();
}

/** One value of a display as text: nothing for null, a string as it is, anything else as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
