import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compareGeneratedFiles, driftRows, type GeneratedFolder, hasDrift, writeGeneratedFiles } from "../src/index";

let folder: GeneratedFolder;

beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), "generated-"));
  // Owns the `gen-*` files that say so: a hand-written file, or a folder, is never its to remove.
  folder = { dir, owns: (name, text) => name.startsWith("gen-") && text.startsWith("generated") };
});

afterEach(() => {
  rmSync(folder.dir, { recursive: true, force: true });
});

const path = (name: string) => join(folder.dir, name);

describe("generated files", () => {
  it("writes what changed, removes the files it owns and no longer produces, and leaves the rest", () => {
    writeFileSync(path("gen-same"), "generated same");
    utimesSync(path("gen-same"), 0, 0);
    writeFileSync(path("gen-old"), "generated old");
    writeFileSync(path("gen-removed"), "generated removed");
    writeFileSync(path("gen-by-hand"), "written by hand");
    mkdirSync(path("gen-folder"));
    const files = [
      { name: "gen-same", text: "generated same" },
      { name: "gen-old", text: "generated new" },
      { name: "gen-added", text: "generated added" },
    ];

    const drift = compareGeneratedFiles(folder, files);
    expect(drift).toEqual({ outdated: ["gen-old"], missing: ["gen-added"], extra: ["gen-removed"] });
    expect(hasDrift(drift)).toBe(true);
    expect(driftRows(drift)).toEqual([
      "  out of date  gen-old",
      "  missing      gen-added",
      "  extra        gen-removed",
    ]);

    expect(Object.fromEntries(writeGeneratedFiles(folder, files))).toEqual({
      "gen-same": "unchanged",
      "gen-old": "updated",
      "gen-added": "created",
      "gen-removed": "removed",
    });
    expect(statSync(path("gen-same")).mtimeMs).toBe(0);
    expect(readFileSync(path("gen-old"), "utf8")).toBe("generated new");
    expect(existsSync(path("gen-removed"))).toBe(false);
    expect(readFileSync(path("gen-by-hand"), "utf8")).toBe("written by hand");
    expect(existsSync(path("gen-folder"))).toBe(true);
    expect(hasDrift(compareGeneratedFiles(folder, files))).toBe(false);
  });
});
