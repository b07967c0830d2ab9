import type { ProgressSnapshot } from "./progressMeter";

const PREFIX = "Progress:";
// Progress: 120/2000 buckets (6%), 3 failed, 45.2/s after 2.7 s
const LINE = /^Progress: (\d+)\/(\d+)(\+?) (\S+) \((\d+)%\), (\d+) failed, ([\d.]+)\/s after ([\d.]+) s$/;

/** Items per second since the start. */
export function rate({ done, elapsedMs }: Pick<ProgressSnapshot, "done" | "elapsedMs">): number {
  return elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
}

const percent = ({ done, total }: ProgressSnapshot) => (total > 0 ? Math.floor((done * 100) / total) : 0);

/**
 * The log line of a snapshot, as Airplane's run log shows it: `Progress: 120/2000 buckets (6%),
 * 3 failed, 45.2/s after 2.7 s`; `2000+` while the total is still growing.
 */
export function formatProgressLine(snapshot: ProgressSnapshot): string {
  const { done, failed, total, totalKnown, elapsedMs, unit } = snapshot;
  return (
    `${PREFIX} ${done}/${total}${totalKnown ? "" : "+"} ${unit} (${percent(snapshot)}%), ${failed} failed, ` +
    `${rate(snapshot).toFixed(1)}/s after ${(elapsedMs / 1000).toFixed(1)} s`
  );
}

/** The snapshot a progress line reports, or undefined for any other line. */
export function parseProgressLine(line: string): ProgressSnapshot | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  const [, done = "", total = "", growing, unit = "", , failed = "", , elapsed = ""] = match;
  return {
    done: Number(done),
    failed: Number(failed),
    total: Number(total),
    totalKnown: growing !== "+",
    elapsedMs: Math.round(Number(elapsed) * 1000),
    unit,
  };
}

/** The live one-line bar of a terminal: `[#######.............] 120/2000 buckets 6% · 3 failed · 45.2/s`. */
export function progressBar(snapshot: ProgressSnapshot, width = 24): string {
  const filled = snapshot.total > 0 ? Math.min(width, Math.floor((snapshot.done * width) / snapshot.total)) : 0;
  const { done, total, totalKnown, unit, failed } = snapshot;
  return (
    `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${totalKnown ? "" : "+"} ${unit} ` +
    `${percent(snapshot)}% · ${failed} failed · ${rate(snapshot).toFixed(1)}/s`
  );
}
