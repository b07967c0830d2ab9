import { spawn } from "node:child_process";

export interface NodeRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * Runs a Node.js script in a process of its own whose environment is `env` plus PATH and HOME:
 * what a task gets on Airplane, and nothing from the caller's shell. `node` is this process's
 * Node unless given (deploy-check runs the builder's Node 18).
 */
export async function runNode(
  args: string[],
  { env, cwd, node = process.execPath }: { env: Record<string, string>; cwd?: string; node?: string },
): Promise<NodeRun> {
  const started = performance.now();
  const child = spawn(node, args, {
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
