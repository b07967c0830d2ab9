import { spawn } from "node:child_process";

export interface NodeRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * Runs a Node.js script in a process of its own whose environment is `env` plus PATH and HOME:
 * what a task gets on Airplane, and nothing from the caller's shell.
 */
export async function runNode(
  args: string[],
  { env, cwd }: { env: Record<string, string>; cwd?: string },
): Promise<NodeRun> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    ...(cwd ? { cwd } : {}),
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
  return { exitCode, stdout, stderr, durationMs: performance.now() - started };
}
