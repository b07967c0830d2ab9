import { describe, expect, it } from "vitest";
import { UsageError } from "@repo/cli-kit";
import { parseTaskArgs, type ParameterConfig } from "../src/index";

const parameters: Record<string, ParameterConfig> = {
  bucket: { type: "shorttext" },
  value: { type: "shorttext", required: false, default: "" },
  dry_run: { type: "boolean", default: false },
  limit: { type: "integer", required: false },
  ratio: { type: "float", required: false },
  since: { type: "date", required: false },
  filter: { type: "json", required: false },
  buckets: { type: "shorttext", multi: true, required: false },
  mode: { type: "shorttext", required: false, options: ["fast", { label: "Careful", value: "careful" }] },
  prefix: { type: "shorttext", required: false, regex: "^[a-z-]+$" },
  file: { type: "upload", required: false },
};

describe("parseTaskArgs", () => {
  it("parses each value by its declared type and applies defaults", () => {
    expect(
      parseTaskArgs(
        ["--bucket", "b", "--limit", "-3", "--ratio=0.5", "--since", "2026-11-25", "--filter", '{"a":[1]}'],
        parameters,
      ),
    ).toEqual({
      bucket: "b",
      value: "",
      dry_run: false,
      limit: -3,
      ratio: 0.5,
      since: "2026-11-25",
      filter: { a: [1] },
    });
  });

  it("reads a boolean given alone as true, and an explicit true or false as given", () => {
    expect(parseTaskArgs(["--dry_run", "--bucket", "b"], parameters).dry_run).toBe(true);
    expect(parseTaskArgs(["--bucket", "b", "--dry_run"], parameters).dry_run).toBe(true);
    expect(parseTaskArgs(["--dry_run", "false", "--bucket", "b"], parameters).dry_run).toBe(false);
    expect(parseTaskArgs(["--dry_run=true", "--bucket", "b"], parameters).dry_run).toBe(true);
  });

  it("keeps an explicitly empty text value", () => {
    expect(parseTaskArgs(["--bucket", "b", "--value", ""], parameters).value).toBe("");
  });

  it("collects a multi parameter given several times", () => {
    expect(parseTaskArgs(["--bucket", "b", "--buckets", "x", "--buckets", "y"], parameters).buckets).toEqual([
      "x",
      "y",
    ]);
  });

  it("accepts an option given as a plain value or as a labelled one", () => {
    expect(parseTaskArgs(["--bucket", "b", "--mode", "careful"], parameters).mode).toBe("careful");
  });

  it.each([
    [[], /Missing required parameter --bucket/],
    [["--bucket", "b", "--verbose", "1"], /^Unknown parameter --verbose\. This task takes: --bucket, --value/],
    [["--bucket", "b", "--dryrun"], /^Unknown parameter --dryrun\. Did you mean --dry_run\? This task takes: --bucket/],
    [["bucket"], /Unexpected argument "bucket"/],
    [["--bucket"], /--bucket needs a value/],
    [["--bucket", "a", "--bucket", "b"], /given more than once/],
    [
      ["--bucket", "b", "--dry_run", "yes"],
      /--dry_run must be true or false \(given alone, it means true\); got "yes"/,
    ],
    [["--bucket", "b", "--limit", "1.5"], /--limit must be a whole number; got "1.5"/],
    [["--bucket", "b", "--ratio", "abc"], /--ratio must be a number/],
    [["--bucket", "b", "--since", "yesterday"], /--since must be an ISO 8601 date/],
    [["--bucket", "b", "--filter", "{"], /--filter must be valid JSON/],
    [["--bucket", "b", "--mode", "slow"], /--mode must be one of "fast", "careful"/],
    [["--bucket", "b", "--prefix", "UP"], /--prefix must be a match of/],
    [["--bucket", "b", "--file", "x.csv"], /only Airplane can provide/],
  ])("rejects %j with a message that says what to fix", (args, message) => {
    expect(() => parseTaskArgs(args, parameters)).toThrow(UsageError);
    expect(() => parseTaskArgs(args, parameters)).toThrow(message);
  });
});
