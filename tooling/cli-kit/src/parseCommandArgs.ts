import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { errorText } from "@repo/error-text";
import { didYouMean } from "./didYouMean";
import { HelpRequest, UsageError } from "./usageError";

const HELP = { help: { type: "boolean", short: "h" } } as const;

type Token = NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number];

/**
 * `node:util` `parseArgs` in strict mode, with `--help`/`-h` added to every command. Its errors
 * become a `UsageError` that names the bad option in the command's own terms (parseArgs's own
 * speak of its API: "To specify a positional argument starting with a '-'..."). Two mistakes
 * strict mode lets through are refused too: a single-valued option given twice (it would keep
 * the last silently) and an empty value (`--out=` would mean the current directory).
 */
export function parseCommandArgs<const O extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: O,
  { positionals = false, optionsFirst = false }: ParseSettings = {},
) {
  const withHelp: O & typeof HELP = { ...options, ...HELP };
  const own = optionsFirst ? args.slice(0, firstArgument(args, withHelp)) : [...args];
  let parsed;
  try {
    parsed = parseArgs({ args: own, options: withHelp, allowPositionals: positionals, strict: true, tokens: true });
  } catch (error) {
    const { tokens } = parseArgs({ args: own, options: withHelp, strict: false, allowPositionals: true, tokens: true });
    throw new UsageError(parseProblem(error, tokens, withHelp), { cause: error });
  }
  // Inside this generic function TypeScript cannot resolve the values' type; help is one of them.
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequest("--help");
  const problem = valueProblem(parsed.tokens, withHelp);
  if (problem) throw new UsageError(problem);
  return { values: parsed.values, positionals: optionsFirst ? args.slice(own.length) : parsed.positionals };
}

export interface ParseSettings {
  /** Whether arguments other than options are taken (file names, slugs). Default: false. */
  positionals?: boolean;
  /**
   * The command's options come first; the first other argument and all after it are the
   * positionals, unparsed: `npm run task -- [--json] <slug> --<param> <value>...` passes the task
   * its own parameters, whatever their names. parseArgs has no such mode.
   */
  optionsFirst?: boolean;
}

/** Where the first argument that is neither an option nor an option's value stands. */
function firstArgument(args: readonly string[], options: ParseArgsOptionsConfig): number {
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const first = tokens.find((token) => token.kind !== "option");
  if (!first) return args.length;
  return first.kind === "option-terminator" ? first.index + 1 : first.index;
}

function parseProblem(error: unknown, tokens: Token[], options: ParseArgsOptionsConfig): string {
  const known = (token: Token) => token.kind === "option" && Object.hasOwn(options, token.name);
  const code = (error as { code?: unknown }).code;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const unknown = tokens.find((token) => token.kind === "option" && !known(token));
    const flags = Object.keys(options).map((name) => `--${name}`);
    if (unknown?.kind === "option") {
      const nearest = unknown.rawName.startsWith("--") ? didYouMean(unknown.name, Object.keys(options)) : undefined;
      const suggestion = nearest ? ` Did you mean --${nearest}?` : "";
      return `Unknown option ${unknown.rawName}.${suggestion} Options: ${flags.join(", ")}.`;
    }
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    for (const token of tokens) {
      if (token.kind !== "option" || !known(token)) continue;
      const type = options[token.name]?.type;
      if (type === "boolean" && token.value !== undefined) return `${flagOf(token)} takes no value.`;
      // parseArgs takes the next argument as the value even when it is the next option.
      const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith("-"));
      if (type === "string" && missing) return `${flagOf(token)} needs a value.`;
    }
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const stray = tokens.find((token) => token.kind === "positional");
    if (stray?.kind === "positional") return `Unexpected argument "${stray.value}": options are given as --name value.`;
  }
  return errorText(error);
}

function valueProblem(tokens: Token[], options: ParseArgsOptionsConfig): string | undefined {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    if (token.value === "") return `${flagOf(token)} needs a value.`;
    if (seen.has(token.name) && !options[token.name]?.multiple) return `${flagOf(token)} is given more than once.`;
    seen.add(token.name);
  }
  return undefined;
}

function flagOf(token: Token & { kind: "option" }): string {
  return token.rawName.startsWith("--") ? token.rawName : `${token.rawName} (--${token.name})`;
}
