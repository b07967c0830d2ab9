import { describe, expect, it } from "vitest";
import { parseCommandArgs, UsageError } from "../src/index";

const OPTIONS = {
  "team-id": { type: "string" },
  env: { type: "string", multiple: true },
  check: { type: "boolean" },
} as const;

function problemOf(args: string[]): string {
  try {
    parseCommandArgs(args, OPTIONS);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`${args.join(" ")} was accepted`);
}

describe("parseCommandArgs", () => {
  it("reads values after their option or joined with =, repeated ones, booleans and positionals", () => {
    const parsed = parseCommandArgs(
      ["--team-id=tea1", "--env", "prod", "--env", "studio", "--check", "a.json"],
      OPTIONS,
      {
        positionals: true,
      },
    );
    expect(parsed).toEqual({
      values: { "team-id": "tea1", env: ["prod", "studio"], check: true },
      positionals: ["a.json"],
    });
  });

  it("leaves out what is not given", () => {
    expect(parseCommandArgs([], OPTIONS)).toEqual({ values: {}, positionals: [] });
  });

  it("takes a value that starts with - when it is joined with =", () => {
    expect(parseCommandArgs(["--team-id=-1"], OPTIONS).values["team-id"]).toBe("-1");
  });

  it.each([
    [["--region", "x"], "Unknown option --region. Options: --team-id, --env, --check, --help."],
    [["-x"], "Unknown option -x. Options: --team-id, --env, --check, --help."],
    [
      ["--tema-id", "x"],
      "Unknown option --tema-id. Did you mean --team-id? Options: --team-id, --env, --check, --help.",
    ],
    [["--chek"], "Unknown option --chek. Did you mean --check? Options: --team-id, --env, --check, --help."],
    [["--team-id"], "--team-id needs a value."],
    [["--team-id", "--check"], "--team-id needs a value."],
    [["--team-id="], "--team-id needs a value."],
    [["--check=yes"], "--check takes no value."],
    [["--team-id", "a", "--team-id", "b"], "--team-id is given more than once."],
    [["prod"], 'Unexpected argument "prod": options are given as --name value.'],
  ])("refuses %j: %s", (args, message) => {
    expect(problemOf(args)).toBe(message);
  });

  it("with optionsFirst, parses only the options before the first argument and leaves the rest as they are", () => {
    const parse = (args: string[]) => parseCommandArgs(args, OPTIONS, { optionsFirst: true });
    expect(parse(["--team-id", "t", "--check", "slug", "--team-id", "x", "--other"])).toEqual({
      values: { "team-id": "t", check: true },
      positionals: ["slug", "--team-id", "x", "--other"],
    });
    expect(parse(["--check", "--", "--slug"])).toEqual({ values: { check: true }, positionals: ["--slug"] });
    expect(parse(["--check"])).toEqual({ values: { check: true }, positionals: [] });
    expect(() => parse(["--nope", "slug"])).toThrow(
      "Unknown option --nope. Options: --team-id, --env, --check, --help.",
    );
    expect(() => parse(["--team-id"])).toThrow("--team-id needs a value.");
  });

  it("keeps parseArgs's error as the cause", () => {
    try {
      parseCommandArgs(["--nope"], OPTIONS);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).cause).toMatchObject({ code: "ERR_PARSE_ARGS_UNKNOWN_OPTION" });
    }
  });
});
