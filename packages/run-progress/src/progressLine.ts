import type { ProgressSnapshot } from "./progressMeter";

// Progress: 120/2000 buckets (6%), 3 failed, 45.2/s after 2.7 s
const KNOWN = /^Progress: (\d+)\/(\d+) (\S+) \(\d+%\), (\d+) failed, [\d.]+\/s after ([\d.]+) s$/;
// Progress: 120 buckets done, 135 listed so far, listing, 3 failed, 45.2/s after 2.7 s
const GROWING = /^Progress: (\d+) (\S+) done, (\d+) listed so far, listing, (\d+) failed, [\d.]+\/s after ([\d.]+) s$/;

/** Items per second since the start. */
export function rate({ done, elapsedMs }: Pick<ProgressSnapshot, "done" | "elapsedMs">): number {
  return elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
}

const percent = ({ done, total }: ProgressSnapshot) => (total > 0 ? Math.floor((done * 100) / total) : 0);

/**
 * Where the run stands: `120/2000 buckets (6%)` once the total is known; while it still grows, no
 * share (one of a total still growing would mislead): `120 buckets done, 135 listed so far, listing`.
 */
function position(snapshot: ProgressSnapshot): string {
  const { done, total, totalKnown, unit } = snapshot;
  return totalKnown
    ? `${done}/${total} ${unit} (${percent(snapshot)}%)`
    : `${done} ${unit} done, ${total} listed so far, listing`;
}

/** The log line of a snapshot, as Airplane's run log shows it: its position, failures, rate and time. */
export function formatProgressLine(snapshot: ProgressSnapshot): string {
  const { failed, elapsedMs } = snapshot;
  return (
    `Progress: ${position(snapshot)}, ${failed} failed, ` +
    `${rate(snapshot).toFixed(1)}/s after ${(elapsedMs / 1000).toFixed(1)} s`
  );
}

/** The snapshot a progress line reports, or undefined for any other line. */
export function parseProgressLine(line: string): ProgressSnapshot | undefined {
  const known = KNOWN.exec(line);
  if (known) {
    const [, done = "", total = "", unit = "", failed = "", elapsed = ""] = known;
    return snapshotOf({ done, total, unit, failed, elapsed, totalKnown: true });
  }
  const growing = GROWING.exec(line);
  if (growing) {
    const [, done = "", unit = "", total = "", failed = "", elapsed = ""] = growing;
    return snapshotOf({ done, total, unit, failed, elapsed, totalKnown: false });
  }
  return undefined;
}

function snapshotOf(
  fields: Record<"done" | "total" | "unit" | "failed" | "elapsed", string> & { totalKnown: boolean },
) {
  return {
    done: Number(fields.done),
    failed: Number(fields.failed),
    total: Number(fields.total),
    totalKnown: fields.totalKnown,
    elapsedMs: Math.round(Number(fields.elapsed) * 1000),
    unit: fields.unit,
  };
}

/**
 * The live one-line bar of a terminal: `[#######.............] 120/2000 buckets 6% · 3 failed · 45.2/s`;
 * no bar while the total still grows: `120 buckets done, 135 listed so far, listing · 3 failed · 45.2/s`.
 */
export function progressBar(snapshot: ProgressSnapshot, width = 24): string {
  const { done, total, totalKnown, unit, failed } = snapshot;
  const tail = `${failed} failed · ${rate(snapshot).toFixed(1)}/s`;
  if (!totalKnown) return `${position(snapshot)} · ${tail}`;
  const filled = total > 0 ? Math.min(width, Math.floor((done * width) / total)) : 0;
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${unit} ${percent(snapshot)}% · ${tail}`;
}
