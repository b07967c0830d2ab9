import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditTrustPolicy, FINDING_CODES, platformsTrusted, type AuditOptions } from "@repo/trust-policy-audit";
import { readAuditInput } from "../src/readAuditInput";

const CORPUS = join(__dirname, "corpus");

interface Expectation {
  codes: string[];
  options?: AuditOptions;
}

const manifest = JSON.parse(readFileSync(join(CORPUS, "manifest.json"), "utf8")) as Record<string, Expectation>;

function corpusFiles(kind: "good" | "bad"): string[] {
  return readdirSync(join(CORPUS, kind))
    .filter((name) => name.endsWith(".json"))
    .map((name) => `${kind}/${name}`)
    .sort();
}

/** The codes found in a corpus file (every role of it that trusts Airplane or GitHub), sorted, each once. */
function codesFound(file: string, options: AuditOptions = {}): string[] {
  const inputs = readAuditInput(join(CORPUS, file));
  const codes = inputs.flatMap((input) => auditTrustPolicy(input.document, options).map((finding) => finding.code));
  return [...new Set(codes)].sort();
}

describe("the corpus", () => {
  it("has a manifest entry for every file and a file for every entry", () => {
    expect([...corpusFiles("good"), ...corpusFiles("bad")].sort()).toEqual(Object.keys(manifest).sort());
    expect(corpusFiles("good").length).toBeGreaterThanOrEqual(8);
    expect(corpusFiles("bad").length).toBeGreaterThanOrEqual(20);
  });

  it("covers every finding code with a bad policy, several of them with more than one flaw", () => {
    const covered = new Set(Object.values(manifest).flatMap((entry) => entry.codes));
    expect([...FINDING_CODES].filter((code) => !covered.has(code))).toEqual([]);
    const multiFlaw = corpusFiles("bad").filter((file) => (manifest[file]?.codes.length ?? 0) > 1);
    expect(multiFlaw.length).toBeGreaterThanOrEqual(3);
  });

  it.each(corpusFiles("good"))("finds nothing wrong with %s", (file) => {
    const entry = manifest[file];
    expect(entry?.codes).toEqual([]);
    const inputs = readAuditInput(join(CORPUS, file));
    expect(inputs.some((input) => platformsTrusted(input.document).length > 0)).toBe(true);
    expect(codesFound(file, entry?.options)).toEqual([]);
  });

  it.each(corpusFiles("bad"))("flags %s with exactly the expected codes", (file) => {
    const entry = manifest[file];
    expect(entry?.codes.length).toBeGreaterThan(0);
    expect(codesFound(file, entry?.options)).toEqual(entry?.codes);
  });
});
