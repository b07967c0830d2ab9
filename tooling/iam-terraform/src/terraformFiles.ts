import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type GeneratedFile, isGeneratedText } from "./generatedFile";

/** `kept`: a file of a generated name that someone else wrote (a .gitignore of their own), left as it is. */
export type FileChange = "created" | "updated" | "unchanged" | "removed" | "kept";

/** How a folder differs from what the tasks produce. Names are file names within the folder. */
export interface TerraformDrift {
  /** Generated files whose committed text differs. */
  outdated: string[];
  /** Generated files the folder lacks. */
  missing: string[];
  /** Files the generator wrote once but no longer produces, such as a removed task's. */
  extra: string[];
}

/**
 * Writes the generated files into `dir`, touching only those whose text changed, and removes the
 * generated files no task produces any more. Hand-written files (without the generator's marker)
 * are never touched.
 */
export function writeTerraformFiles(dir: string, files: readonly GeneratedFile[]): Map<string, FileChange> {
  mkdirSync(dir, { recursive: true });
  const changes = new Map<string, FileChange>();
  for (const { name, text } of files) {
    const current = readIfExists(join(dir, name));
    if (current !== undefined && isOthersFile(name, current)) {
      changes.set(name, "kept");
      continue;
    }
    if (current !== text) writeFileSync(join(dir, name), text);
    changes.set(name, current === undefined ? "created" : current === text ? "unchanged" : "updated");
  }
  for (const name of staleGeneratedFiles(dir, files)) {
    rmSync(join(dir, name));
    changes.set(name, "removed");
  }
  return changes;
}

/** What `writeTerraformFiles` would change, without writing: the check CI runs. */
export function compareTerraformFiles(dir: string, files: readonly GeneratedFile[]): TerraformDrift {
  const drift: TerraformDrift = { outdated: [], missing: [], extra: staleGeneratedFiles(dir, files) };
  for (const { name, text } of files) {
    const current = readIfExists(join(dir, name));
    if (current === undefined) drift.missing.push(name);
    else if (current !== text && !isOthersFile(name, current)) drift.outdated.push(name);
  }
  return drift;
}

export function hasDrift(drift: TerraformDrift): boolean {
  return drift.outdated.length + drift.missing.length + drift.extra.length > 0;
}

function staleGeneratedFiles(dir: string, files: readonly GeneratedFile[]): string[] {
  if (!existsSync(dir)) return [];
  const expected = new Set(files.map((file) => file.name));
  return readdirSync(dir)
    .filter((name) => name.endsWith(".tf.json") && !expected.has(name))
    .filter((name) => isGeneratedText(readFileSync(join(dir, name), "utf8")))
    .sort();
}

// The generator owns every *.tf.json it names; any other file it writes only while it carries the marker.
function isOthersFile(name: string, text: string): boolean {
  return !name.endsWith(".tf.json") && !isGeneratedText(text);
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
