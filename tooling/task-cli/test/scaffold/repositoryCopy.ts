import { cpSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { findRepoRoot } from "../../src/index";

/**
 * A copy of this repository without its installed packages, which it shares through a link: a
 * command run on the copy writes there, never into this working tree. The caller removes it.
 */
export function repositoryCopy(prefix: string): string {
  const repo = findRepoRoot();
  const copy = mkdtempSync(join(tmpdir(), prefix));
  const skipped = /(^|\/)(node_modules|dist|\.turbo|\.git|coverage)(\/|$)/;
  cpSync(repo, copy, { recursive: true, filter: (source) => !skipped.test(relative(repo, source)) });
  symlinkSync(join(repo, "node_modules"), join(copy, "node_modules"));
  return copy;
}
