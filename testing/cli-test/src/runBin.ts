import { execFile } from "node:child_process";
import type { CommandResult } from "./runCaptured";

export interface ProcessOptions {
  cwd?: string;
  /** The whole environment of the process; default this process's. */
  env?: NodeJS.ProcessEnv;
}

/** Runs a program as a user would from a shell, and gives what it printed and its exit code. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: "utf8", ...options }, (error, stdout, stderr) => {
      // A failed run carries its exit code; without one (not found, killed) it did not run to the end.
      if (error && typeof error.code !== "number") {
        reject(new Error(`${command} did not run to the end: ${error.message}`, { cause: error }));
      } else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Runs a bin (a `.cjs` file) with this process's Node, as `npm run` does: to test that it prints and exits as its command says. */
export function runBin(bin: string, args: readonly string[], options: ProcessOptions = {}): Promise<CommandResult> {
  return runProcess(process.execPath, [bin, ...args], options);
}
