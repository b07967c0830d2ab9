import { type NodeRun, runNode as runNodeProcess } from "@repo/cli-kit";

export interface ProcessRun extends NodeRun {
  wallMs: number;

  /** The shim's own report (load, run and process times, CPU, peak memory), when it printed one. */
  report?: { loadMs: number; runMs: number; processMs: number; maxRssKiB: number; cpuMs: number };
}

/** Runs a Node.js script with exactly `env` (plus PATH and HOME), timed; a failure throws. */
export async function runNode(args: string[], env: Record<string, string>): Promise<ProcessRun> {
  const run = await runNodeProcess(args, { env });
  if (run.exitCode !== 0) throw new Error(`node ${args.join(" ")} failed (${run.exitCode}):\n${run.stderr}`);
  const reportLine = /^BENCH (.*)$/m.exec(run.stderr)?.[1];
  return {
    ...run,
    wallMs: run.durationMs,
    ...(reportLine ? { report: JSON.parse(reportLine) as ProcessRun["report"] } : {}),
  };
}

/** A task's output, as the shim prints it: its last stdout line (the task's log lines, progress included, come first). */
export function taskOutput(run: NodeRun): unknown {
  return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "null") as unknown;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

export const round = (value: number, digits = 0): number => Number(value.toFixed(digits));
