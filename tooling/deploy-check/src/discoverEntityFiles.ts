import { readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { DISCOVERY_SKIPPED_DIRECTORIES, ENTITY_FILE_SUFFIXES } from "./builderRules";
import type { Finding } from "./finding";

const DISCOVERY_RULE =
  "discovery walks the whole deploy directory, skipping only node_modules, __pycache__, .git, .airplane " +
  "and .airplane-view (not dist/, not what .airplaneignore lists), and deploys every *.airplane.{ts,tsx,js,jsx}, " +
  "*.view.{tsx,jsx}, *_airplane.py and *.task.{yaml,yml,json} it finds " +
  "(pkg/deploy/discover/discover.go, pkg/deploy/utils/entities.go)";

/**
 * Every file `airplane deploy <deployDir>` would take for a task or view, walking the directory
 * as the CLI's `Discoverer.Discover` does. Paths are relative to `repoRoot`, sorted.
 */
export function discoverEntityFiles(repoRoot: string, deployDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (DISCOVERY_SKIPPED_DIRECTORIES.includes(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (ENTITY_FILE_SUFFIXES.some((suffix) => entry.name.endsWith(suffix))) found.push(relative(repoRoot, path));
    }
  };
  walk(deployDir);
  return found.sort();
}

/** The task folder a discovered file belongs to, or undefined when it is not `tasks/<slug>/<slug>.airplane.ts`. */
export function taskFolderOf(file: string): string | undefined {
  const match = /^tasks\/([^/]+)\/([^/]+)\.airplane\.ts$/.exec(file);
  return match && match[1] === match[2] ? match[1] : undefined;
}

/**
 * Entity files outside the task folders, such as a test fixture, among those discovery finds from
 * the repository root: \`airplane dev\` there would register them, and \`airplane deploy\` there
 * deploy them, as tasks of their own next to the real ones, whatever directory CI deploys.
 */
export function strayEntityFiles(files: string[]): Finding[] {
  return files
    .filter((file) => taskFolderOf(file) === undefined)
    .map((file) => ({
      file,
      rule: DISCOVERY_RULE,
      problem:
        `From the repository root, \`airplane dev\` would discover ${basename(file)} and register it, and ` +
        "`airplane deploy` deploy it, as a task or view of its own.",
      fix:
        "Keep task files at tasks/<slug>/<slug>.airplane.ts only: a test writes its fixture tasks to a " +
        "temporary folder, or keeps them under another suffix (e.g. .fixture.js).",
    }));
}

/** Task folders with no task file of their own name: nothing would be deployed for them. */
export function taskFoldersWithoutTaskFile(repoRoot: string, files: string[]): Finding[] {
  const withFile = new Set(files.map(taskFolderOf).filter(Boolean));
  return readdirSync(join(repoRoot, "tasks"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !withFile.has(entry.name))
    .map((entry) => ({
      file: `tasks/${entry.name}`,
      rule: DISCOVERY_RULE,
      problem: `no tasks/${entry.name}/${entry.name}.airplane.ts inside the deploy directory: nothing of this folder would be deployed.`,
      fix: `Name the task file tasks/${entry.name}/${entry.name}.airplane.ts, or remove the folder.`,
    }));
}
