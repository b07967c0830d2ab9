import { didYouMean, UsageError } from "@repo/cli-kit";
import type { ParameterConfig } from "./taskDefinition";

/** A `--<name>` the task has no parameter for; `npm run task` explains its own options given after the slug. */
export class UnknownParameterError extends UsageError {
  constructor(
    /** The name given, without its dashes. */
    readonly parameter: string,
    /** Where it stands in the task's arguments. */
    readonly index: number,
    known: readonly string[],
  ) {
    const nearest = didYouMean(parameter, known);
    const takes = known.map((name) => `--${name}`).join(", ") || "no parameters";
    super(
      `Unknown parameter --${parameter}.${nearest ? ` Did you mean --${nearest}?` : ""} This task takes: ${takes}.`,
    );
  }
}

const UNSUPPORTED_LOCALLY = new Set(["upload", "configvar"]);

/**
 * Turns `--<param> <value>` arguments into the parameter values Airplane would pass the task:
 * each value parsed by its declared type, defaults applied, required ones enforced, so the task
 * sees exactly what a run on Airplane sees. A boolean given alone (`--dry_run`) means true.
 */
export function parseTaskArgs(
  args: string[],
  parameters: Record<string, ParameterConfig> = {},
): Record<string, unknown> {
  const raw = collectFlags(args, parameters);
  const values: Record<string, unknown> = {};
  for (const [slug, parameter] of Object.entries(parameters)) {
    const given = raw.get(slug);
    if (given === undefined) {
      if (parameter.default !== undefined) values[slug] = parameter.default;
      else if (parameter.required !== false)
        throw new UsageError(`Missing required parameter --${slug}${describe(parameter)}.`);
      continue;
    }
    const parsed = given.map((text) => parseValue(slug, parameter, text));
    values[slug] = parameter.multi ? parsed : parsed[0];
  }
  return values;
}

// By hand, not with node:util parseArgs: a task's parameters are known only once its slug is read,
// and a boolean takes an optional value (`--dry_run`, `--dry_run false`), which parseArgs cannot say.
function collectFlags(args: string[], parameters: Record<string, ParameterConfig>): Map<string, string[]> {
  const raw = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const match = /^--([^=]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!match?.[1]) throw new UsageError(`Unexpected argument "${arg}": parameters are given as --<name> <value>.`);
    const slug = match[1];
    const parameter = parameters[slug];
    if (!parameter) throw new UnknownParameterError(slug, i, Object.keys(parameters));
    let value = match[2];
    if (value === undefined) {
      const next = args[i + 1];
      // A boolean alone, or followed by the next option, means true; any other word is its value,
      // checked like any value, so `--dry_run maybe` says what a boolean takes.
      if (parameter.type === "boolean" && (next === undefined || next.startsWith("--"))) value = "true";
      else if (next === undefined) throw new UsageError(`Parameter --${slug} needs a value.`);
      else value = args[++i] ?? "";
    }
    const values = raw.get(slug) ?? [];
    if (values.length > 0 && !parameter.multi) throw new UsageError(`Parameter --${slug} was given more than once.`);
    raw.set(slug, [...values, value]);
  }
  return raw;
}

function parseValue(slug: string, parameter: ParameterConfig, text: string): unknown {
  const fail = (expected: string) => new UsageError(`Parameter --${slug} must be ${expected}; got "${text}".`);
  let value: unknown;
  switch (parameter.type) {
    case "boolean":
      if (text !== "true" && text !== "false") throw fail("true or false (given alone, it means true)");
      value = text === "true";
      break;
    case "integer":
      if (!/^-?\d+$/.test(text)) throw fail("a whole number");
      value = Number(text);
      break;
    case "float":
      if (text.trim() === "" || !Number.isFinite(Number(text))) throw fail("a number");
      value = Number(text);
      break;
    case "date":
    case "datetime":
      // Airplane passes dates as ISO strings; the SDK turns them into Date objects for the task.
      if (Number.isNaN(Date.parse(text))) throw fail("an ISO 8601 date");
      value = text;
      break;
    case "json":
      try {
        value = JSON.parse(text);
      } catch {
        throw fail("valid JSON");
      }
      break;
    default:
      if (UNSUPPORTED_LOCALLY.has(parameter.type)) {
        throw new UsageError(`Parameter --${slug} is of type ${parameter.type}, which only Airplane can provide.`);
      }
      value = text;
  }
  if (parameter.regex && typeof value === "string" && !new RegExp(parameter.regex).test(value)) {
    throw fail(`a match of /${parameter.regex}/`);
  }
  const options = Array.isArray(parameter.options) ? parameter.options.map(optionValue) : undefined;
  if (options && !options.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    throw fail(`one of ${options.map((option) => JSON.stringify(option)).join(", ")}`);
  }
  return value;
}

function optionValue(option: unknown): unknown {
  return typeof option === "object" && option !== null && "value" in option ? option.value : option;
}

function describe(parameter: ParameterConfig): string {
  const about = [parameter.name, parameter.description].filter(Boolean).join(": ");
  return about ? ` (${about})` : "";
}
