import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A scratch repository made of the given files (path -> content; objects are written as JSON). */
export function fixtureRepo(files: Record<string, string | object>): string {
  const root = mkdtempSync(join(tmpdir(), "deploy-check-test-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return root;
}
