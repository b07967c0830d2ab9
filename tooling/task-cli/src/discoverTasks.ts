import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { type DiscoveredTask, isAirplaneTask } from "./taskDefinition";
import { UnknownTaskError } from "./unknownTaskError";

const TASK_FILE = /\.airplane\.(ts|tsx|js|jsx)$/;
// The folders Airplane's own discovery skips; dist/ is NOT skipped by Airplane, so no build may
// write a *.airplane.js file there (our bundles are named after the slug alone).
const SKIPPED = new Set(["node_modules", ".git", ".airplane", ".airplane-view", ".turbo", "dist"]);

/** Where `npm run new-task` writes a task, and where the tools that need a particular task look for it. */
export function taskFile(root: string, slug: string): string {
  return join(root, "tasks", slug, `${slug}.airplane.ts`);
}

/** Every task file (`*.airplane.ts` and friends) under a folder. */
export function findTaskFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : findTaskFiles(path);
    return TASK_FILE.test(entry.name) ? [path] : [];
  });
}

/**
 * The tasks a file defines: like Airplane, every export carrying `__airplane`. Loading TypeScript
 * needs a TypeScript loader in the process (the CLI registers tsx).
 */
export function loadTasks(file: string): DiscoveredTask[] {
  // A path known only at run time, loaded synchronously like Airplane's runtime shim does.
  // oxlint-disable-next-line typescript/no-require-imports
  const exports = require(file) as Record<string, unknown>;
  return Object.entries(exports).flatMap(([exportName, value]) => {
    if (!isAirplaneTask(value)) return [];
    const { config, baseFunc } = value.__airplane;
    return [{ slug: config.slug, config, file, exportName, run: async (params) => baseFunc(params) }];
  });
}

/**
 * Finds one task by slug. A task file named after its slug is tried first, so a run loads one
 * task rather than all of them; any other file is searched only when that fails.
 */
export function findTask(tasksDir: string, slug: string): DiscoveredTask | undefined {
  const files = findTaskFiles(tasksDir);
  const likely = files.filter((file) => basename(file).replace(TASK_FILE, "") === slug);
  const rest = files.filter((file) => !likely.includes(file));
  for (const file of [...likely, ...rest]) {
    const task = loadTasks(file).find((candidate) => candidate.slug === slug);
    if (task) return task;
  }
  return undefined;
}

export function discoverTasks(tasksDir: string): DiscoveredTask[] {
  return findTaskFiles(tasksDir)
    .flatMap(loadTasks)
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/** The task of that slug, or an error naming the tasks there are (and the likely one for a typo). */
export function requireTask(tasksDir: string, slug: string): DiscoveredTask {
  const task = findTask(tasksDir, slug);
  if (!task)
    throw new UnknownTaskError(
      slug,
      discoverTasks(tasksDir).map((candidate) => candidate.slug),
    );
  return task;
}
