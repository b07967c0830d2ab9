import type { CommandIO } from "@repo/cli-kit";

/** What a command printed and its exit code. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in-process with an io that keeps what it writes (`isTTY`: whether stdout plays a
 * terminal). A synchronous command gives its result at once, an asynchronous one a promise of it.
 */
export function runCaptured(command: (io: CommandIO) => number, options?: { isTTY?: boolean }): CommandResult;
export function runCaptured(
  command: (io: CommandIO) => Promise<number>,
  options?: { isTTY?: boolean },
): Promise<CommandResult>;
export function runCaptured(
  command: (io: CommandIO) => number | Promise<number>,
  { isTTY = false }: { isTTY?: boolean } = {},
): CommandResult | Promise<CommandResult> {
  const printed = { stdout: "", stderr: "" };
  const io: CommandIO = {
    stdout: { write: (text: string) => (printed.stdout += text), isTTY },
    stderr: { write: (text: string) => (printed.stderr += text) },
  };
  const code = command(io);
  return typeof code === "number" ? { code, ...printed } : code.then((done) => ({ code: done, ...printed }));
}
