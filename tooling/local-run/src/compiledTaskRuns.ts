import { bundleEntry, type DiscoveredTask, findRepoRoot, findTask, TASK_RUNTIME_BIN, taskFile } from "@repo/task-cli";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The arguments to `node` that run a task as `npm run task` does, before the slug: its runner and
 * the task, each compiled once per process by esbuild as `airplane deploy` bundles a task
 * (third-party packages external, workspace packages compiled in), so that a run loads JavaScript
 * instead of having tsx compile TypeScript as it loads: 0.5 CPU-seconds a run instead of 1.1
 * (add_s3_bucket_tag, Node 24), and the e2e suites start about a hundred runs. A slug with no
 * `tasks/<slug>/<slug>.airplane.ts` gets the TypeScript runner, which finds it or says what is wrong.
 */
export async function taskRunnerArgs(slug: string, root = findRepoRoot()): Promise<string[]> {
  const tasksDir = await compiledTasksDir(slug, root);
  if (!tasksDir) return [TASK_RUNTIME_BIN];
  return [await compiled(RUNNER_ENTRY, join(__dirname, ".."), "run-task.cjs", root), tasksDir];
}

/** The task as its bundle defines it (config and handler): plain JavaScript, loadable in any process. */
export async function compiledTaskDefinition(slug: string, root = findRepoRoot()): Promise<DiscoveredTask | undefined> {
  const tasksDir = await compiledTasksDir(slug, root);
  return tasksDir ? findTask(tasksDir, slug) : undefined;
}

const RUNNER_ENTRY = join(__dirname, "compiledRunner.ts");
const bundles = new Map<string, Promise<string>>();

/**
 * A folder holding the task's bundle alone, where the runner's discovery finds it. The task file
 * is where npm run new-task puts it, tasks/<slug>/<slug>.airplane.ts; any other layout is left to
 * the TypeScript runner's discovery.
 */
async function compiledTasksDir(slug: string, root: string): Promise<string | undefined> {
  const file = taskFile(root, slug);
  return existsSync(file) ? dirname(await compiled(file, dirname(file), `${slug}.airplane.js`, root)) : undefined;
}

/**
 * One bundle per entry and process, under the node_modules of the entry's package: its external
 * packages resolve from there as they do from the source (a temporary folder has no node_modules).
 */
function compiled(entry: string, packageDir: string, name: string, root: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    const cache = join(packageDir, "node_modules", ".cache", "compiled-task-runs");
    removeBundlesOfEndedProcesses(cache);
    const outfile = join(cache, String(process.pid), name);
    bundle = bundleEntry(entry, outfile, { root }).then(() => outfile);
    bundles.set(entry, bundle);
  }
  return bundle;
}

/**
 * A test worker is killed rather than left to exit, so no exit handler cleans up: each process
 * removes the folders of processes that have ended instead.
 */
function removeBundlesOfEndedProcesses(cache: string): void {
  for (const pid of existsSync(cache) ? readdirSync(cache) : []) {
    if (!isRunning(Number(pid))) rmSync(join(cache, pid), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
