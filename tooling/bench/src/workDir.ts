import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { bundleEntry, type BundleResult, findRepoRoot, taskFile } from "@repo/task-cli";

export const REPO = findRepoRoot(__dirname);
export const SHIM = join(__dirname, "airplaneShim.cjs");
export const RESULTS_DIR = join(__dirname, "..", "results");
const WORK_DIR = join(__dirname, "..", ".work");

/** The task file of a task of this repository. */
export const benchedTaskFile = (slug: string): string => taskFile(REPO, slug);

/** A snippet of Airplane's guide, kept as written in tooling/bench/baseline. */
export const baselineFile = (name: string): string => join(__dirname, "..", "baseline", `${name}.ts`);

/** Bundles an entry the way `airplane deploy` does, minified, into tooling/bench/.work (not committed). */
export async function deployedBundle(entry: string, name: string): Promise<BundleResult> {
  mkdirSync(WORK_DIR, { recursive: true });
  return bundleEntry(entry, join(WORK_DIR, `${name}.js`), { minify: true, root: REPO });
}
