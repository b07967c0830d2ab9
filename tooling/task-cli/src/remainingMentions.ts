import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

// Installed packages, version control, build output and caches: none of them is the repository's own text.
const SKIPPED = new Set(["node_modules", ".git", ".turbo", "dist", ".airplane", "coverage"]);
const LARGEST = 4 * 1024 * 1024;

/**
 * The files under `root` that name any of `names`, relative to it and sorted: a name counts where
 * it is not part of a longer word of letters and digits (`airplane-rotate_logs`,
 * `aws_role_arn_rotate_logs` and `guide_rotate_logs` name rotate_logs; `rotate_logs2` does not).
 * Binary files are left out.
 */
export function filesNaming(root: string, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  const pattern = new RegExp(`(?<![A-Za-z0-9])(?:${escaped.join("|")})(?![A-Za-z0-9])`);
  const naming = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : naming(path);
      if (!entry.isFile() || statSync(path).size > LARGEST) return [];
      const bytes = readFileSync(path);
      return !bytes.includes(0) && pattern.test(bytes.toString("utf8")) ? [path] : [];
    });
  return naming(root)
    .map((file) => relative(root, file).split(sep).join("/"))
    .sort();
}

/**
 * The files, those of a folder holding `many` or more of them given as the folder and their count
 * (`test/corpus/bad/ (31 files)`), the root's each by name: a report a person reads to the end.
 */
export function byFolder(files: readonly string[], many = 5): string[] {
  const counts = new Map<string, number>();
  for (const file of files) counts.set(dirname(file), (counts.get(dirname(file)) ?? 0) + 1);
  const shown = files.map((file) => {
    const folder = dirname(file);
    const count = counts.get(folder) ?? 0;
    return count >= many && folder !== "." ? `${folder}/ (${count} files)` : file;
  });
  return [...new Set(shown)];
}
