import ignore from "ignore";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UPLOAD_DEFAULT_EXCLUDES } from "./builderRules";

/**
 * The files `airplane deploy` uploads from a task root: everything but the CLI's default excludes
 * and the root `.airplaneignore` lines (gitignore syntax), and never a symbolic link
 * (pkg/build/ignore/ignore.go `Func`, used by pkg/deploy/archive/archive.go). The CLI matches with
 * go-gitignore; the `ignore` package implements the same gitignore rules, except that it never
 * re-includes a file under an excluded directory (the CLI's `!/.yarn/releases` does, and this
 * repository has no .yarn/), so ignored directories are skipped whole (node_modules holds most
 * files). Paths are relative to `root`, sorted.
 */
export function uploadedFiles(root: string): string[] {
  const ignoreFile = join(root, ".airplaneignore");
  const userLines = existsSync(ignoreFile) ? readFileSync(ignoreFile, "utf8").split("\n").filter(Boolean) : [];
  const excluded = ignore().add([...UPLOAD_DEFAULT_EXCLUDES, ...userLines]);
  const files: string[] = [];
  const walk = (relativeDir: string) => {
    for (const entry of readdirSync(join(root, relativeDir), { withFileTypes: true })) {
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!excluded.ignores(`${path}/`)) walk(path);
      } else if (entry.isFile() && !excluded.ignores(path)) files.push(path);
    }
  };
  walk("");
  return files.sort();
}

/** Copies the uploaded files of `root` into `dest`, as the builder receives them. */
export function copyUpload(root: string, dest: string, files: string[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    copyFileSync(join(root, file), join(dest, file));
  }
}
