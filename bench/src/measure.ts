import { spawn } from "node:child_process";

export interface ProcessRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** The shim's own report (load, run and process times, peak memory), when it printed one. */
  report?: { loadMs: number; runMs: number; processMs: number; maxRssKiB: number; cpuMs: number };
}

/** Runs a Node.js script in a process of its own with exactly `env` (plus PATH and HOME), timed. */
export async function runNode(args: string[], env: Record<string, string>): Promise<ProcessRun> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  const wallMs = performance.now() - started;
  const reportLine = /^BENCH (.*)$/m.exec(stderr)?.[1];
  if (exitCode !== 0) throw new Error(`node ${args.join(" ")} failed (${exitCode}):\n${stderr}`);
  return {
    exitCode,
    stdout,
    stderr,
    wallMs,
    ...(reportLine ? { report: JSON.parse(reportLine) as ProcessRun["report"] } : {}),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

export const round = (value: number, digits = 0): number => Number(value.toFixed(digits));
