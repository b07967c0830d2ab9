import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";

export const STUDIO_EXAMPLE = "airplane.dev.example.yaml";

/**
 * Lists a new task's role config var in airplane.dev.example.yaml, comments kept, so that the
 * example a forker copies for `airplane dev` covers every task (npm run deploy-check checks it).
 * Returns false when the repository has no such file.
 */
export function addStudioConfigVar(root: string, slug: string): boolean {
  const file = join(root, STUDIO_EXAMPLE);
  if (!existsSync(file)) return false;
  const document = parseDocument(readFileSync(file, "utf8"));
  const name = `aws_role_arn_${slug}`;
  if (!document.hasIn(["configVars", name])) {
    document.setIn(["configVars", name], `arn:aws:iam::123456789012:role/airplane-${slug}`);
    writeFileSync(file, document.toString());
  }
  return true;
}
