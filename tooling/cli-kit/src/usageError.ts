/**
 * A command line the command cannot run with. Its message says what is wrong and what to type
 * instead; `runCommand` prints it followed by the command's usage.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** `--help` (or `-h`): thrown by `parseCommandArgs` so that `runCommand` prints the usage, wherever the command parses. */
export class HelpRequest extends Error {
  override readonly name = "HelpRequest";
}
