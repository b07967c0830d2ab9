import { spawn } from "node:child_process";
import { median, round } from "../measure";
import { REPO } from "../workDir";

export interface DevLoopResult {
  coldMs: number;
  cachedMs: number;
  cachedRuns: number;
  cachedFully: boolean;
}

/** `npm test` with turbo's cache ignored (cold), then with nothing changed (served from cache). */
export async function devLoop({ cachedRuns }: { cachedRuns: number }): Promise<DevLoopResult> {
  const cold = await npmTest(["--", "--force"]);
  const cached = [];
  for (let run = 0; run < cachedRuns; run++) cached.push(await npmTest([]));
  return {
    coldMs: round(cold.ms),
    cachedMs: round(median(cached.map((run) => run.ms))),
    cachedRuns,
    cachedFully: cached.every((run) => /FULL TURBO/.test(run.output)),
  };
}

async function npmTest(extra: string[]): Promise<{ ms: number; output: string }> {
  const started = performance.now();
  const child = spawn("npm", ["test", ...extra], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on("close", (exit) => resolve(exit ?? 1)));
  if (code !== 0) throw new Error(`npm test ${extra.join(" ")} failed:\n${output.slice(-3000)}`);
  return { ms: performance.now() - started, output };
}
