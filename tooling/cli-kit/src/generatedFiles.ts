import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One file a generator writes: its name in the output folder and its exact text. */
export interface GeneratedFile {
  name: string;
  text: string;
}

/**
 * A folder a generator writes into, and which of its files the generator owns (by name and by a
 * marker in the text): it rewrites and removes only those, so a hand-written file beside them, or
 * under a name it would write (a .gitignore of the user's own), is safe.
 */
export interface GeneratedFolder {
  dir: string;
  owns: (name: string, text: string) => boolean;
}

/** `kept`: a file under a generated name that someone else wrote, left as it is. */
export type FileChange = "created" | "updated" | "unchanged" | "removed" | "kept";

/** How a folder differs from what the generator produces. Names are file names within the folder. */
export interface FileDrift {
  /** Generated files whose committed text differs. */
  outdated: string[];
  /** Generated files the folder lacks. */
  missing: string[];
  /** Files the generator wrote once but no longer produces, such as a removed task's. */
  extra: string[];
}

/**
 * Writes the generated files into the folder, touching only those whose text changed, and removes
 * the files it owns that it no longer produces.
 */
export function writeGeneratedFiles(folder: GeneratedFolder, files: readonly GeneratedFile[]): Map<string, FileChange> {
  mkdirSync(folder.dir, { recursive: true });
  const changes = new Map<string, FileChange>();
  for (const { name, text } of files) {
    const current = readIfExists(join(folder.dir, name));
    if (current !== undefined && !folder.owns(name, current)) {
      changes.set(name, "kept");
      continue;
    }
    if (current !== text) writeFileSync(join(folder.dir, name), text);
    changes.set(name, current === undefined ? "created" : current === text ? "unchanged" : "updated");
  }
  for (const name of staleFiles(folder, files)) {
    rmSync(join(folder.dir, name));
    changes.set(name, "removed");
  }
  return changes;
}

/** What `writeGeneratedFiles` would change, without writing: the check CI runs. */
export function compareGeneratedFiles(folder: GeneratedFolder, files: readonly GeneratedFile[]): FileDrift {
  const drift: FileDrift = { outdated: [], missing: [], extra: staleFiles(folder, files) };
  for (const { name, text } of files) {
    const current = readIfExists(join(folder.dir, name));
    if (current === undefined) drift.missing.push(name);
    else if (current !== text && folder.owns(name, current)) drift.outdated.push(name);
  }
  return drift;
}

export function hasDrift(drift: FileDrift): boolean {
  return drift.outdated.length + drift.missing.length + drift.extra.length > 0;
}

/** The drift as lines of a report, one file a line. */
export function driftRows(drift: FileDrift): string[] {
  return [
    ...drift.outdated.map((name) => `  out of date  ${name}`),
    ...drift.missing.map((name) => `  missing      ${name}`),
    ...drift.extra.map((name) => `  extra        ${name}`),
  ];
}

function staleFiles(folder: GeneratedFolder, files: readonly GeneratedFile[]): string[] {
  if (!existsSync(folder.dir)) return [];
  const expected = new Set(files.map((file) => file.name));
  return readdirSync(folder.dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !expected.has(entry.name))
    .map((entry) => entry.name)
    .filter((name) => folder.owns(name, readFileSync(join(folder.dir, name), "utf8")))
    .sort();
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
