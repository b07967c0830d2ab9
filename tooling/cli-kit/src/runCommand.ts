import { errorText } from "@repo/error-text";
import { type CommandIO, processIO } from "./commandIO";
import { HelpRequest, UsageError } from "./usageError";

export interface CommandUsage {
  /**
   * The command's `--help` text: on stdout for `--help`, on stderr after a usage error's message.
   * A function when making it costs (npm run task's lists every task).
   */
  usage: string | (() => string);
  /** The exit code of a usage error. Default 1; the audit documents 2. */
  usageExitCode?: number;
}

/**
 * Runs a command's body and returns its exit code: the body's own; 0 after printing the usage
 * for `--help`; `usageExitCode` after a `UsageError`'s message and the usage; 1 after any other
 * error's text and causes (`failureText`). Everything goes to `io`, so tests run commands in-process.
 */
export function runCommand(io: CommandIO, command: CommandUsage, body: () => number): number;
export function runCommand(io: CommandIO, command: CommandUsage, body: () => Promise<number>): Promise<number>;
export function runCommand(
  io: CommandIO,
  command: CommandUsage,
  body: () => number | Promise<number>,
): number | Promise<number> {
  const end = (error: unknown) => endedBy(error, io, command);
  try {
    const code = body();
    return typeof code === "number" ? code : code.catch(end);
  } catch (error) {
    return end(error);
  }
}

function endedBy(error: unknown, io: CommandIO, { usage, usageExitCode = 1 }: CommandUsage): number {
  const usageText = () => (typeof usage === "string" ? usage : usage());
  if (error instanceof HelpRequest) {
    io.stdout.write(usageText());
    return 0;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`${error.message}\n\n${usageText()}`);
    return usageExitCode;
  }
  io.stderr.write(`${failureText(error)}\n`);
  return 1;
}

const MAX_CAUSES = 5;

/**
 * An error as a person reads it (`errorText`: an AWS error by its code too), then its causes, one a
 * line. A bug (a TypeError, a ReferenceError...) is named and gets its stack frames: the person
 * reading it has code to fix, and the message alone does not say where.
 */
export function failureText(error: unknown): string {
  const lines = isBug(error) ? [`${error.name}: ${errorText(error)}`, ...stackFrames(error)] : [errorText(error)];
  for (let cause = causeOf(error); cause !== undefined && lines.length <= MAX_CAUSES; cause = causeOf(cause)) {
    lines.push(`  caused by ${errorText(cause)}`);
  }
  return lines.join("\n");
}

const BUGS = [TypeError, ReferenceError, RangeError, SyntaxError, EvalError, URIError];

function isBug(error: unknown): error is Error {
  return BUGS.some((kind) => error instanceof kind);
}

function stackFrames(error: Error): string[] {
  return (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

export interface MainOptions {
  /** Exit as soon as the command returns: for commands whose servers or sockets would keep Node running. */
  exit?: boolean;
}

/**
 * A bin's entry point: runs the command with the process's arguments and streams and sets the
 * exit code. The command answers its own errors (`runCommand`); an error that still escapes is
 * printed as `failureText` prints it, with exit code 1.
 */
export function main(
  command: (args: string[], io: CommandIO) => number | Promise<number>,
  { exit = false }: MainOptions = {},
): void {
  void Promise.resolve()
    .then(() => command(process.argv.slice(2), processIO))
    .catch((error: unknown) => {
      process.stderr.write(`${failureText(error)}\n`);
      return 1;
    })
    .then((code) => {
      process.exitCode = code;
      if (exit) process.exit(code);
    });
}
