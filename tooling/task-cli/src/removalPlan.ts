import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { UsageError } from "@repo/cli-kit";
import { format, resolveConfig } from "prettier";
import { parseDocument } from "yaml";
import { discoverTasks } from "./discoverTasks";
import { importSpecifiers, packageName, sourceFiles } from "./sourceImports";
import { STUDIO_EXAMPLE } from "./studioExample";
import type { DiscoveredTask } from "./taskDefinition";
import { UnknownTaskError } from "./unknownTaskError";
import { declaredDependencies, type PackageJson, readPackageJson, workspacePackages } from "./workspace";

/** A workspace, by its folder relative to the root and its package name. */
export interface Workspace {
  dir: string;
  name: string;
}

/** What `npm run remove-task` takes out: computed, and checked, before anything is touched. */
export interface RemovalPlan {
  /** The tasks removed, by slug. */
  slugs: string[];
  /** The workspace folders deleted, the tasks' included. */
  folders: Workspace[];
  /** Files rewritten (their new text) or deleted (null), relative to the root. */
  edits: Map<string, string | null>;
  /** What the edits take out, a line each, for the report. */
  changes: string[];
  /** Workspaces that had a user among the removed ones and have none left. */
  unused: Workspace[];
}

/** A GitHub Actions workflow of one task, as the workflows of this repository are named. */
export const taskWorkflows = (slug: string) => [`task-${slug}.yml`, `task-${slug}.yaml`].map(workflowPath);
const workflowPath = (name: string) => `.github/workflows/${name}`;

/** A workspace with its package.json. */
type Member = Workspace & { packageJson: PackageJson };

/**
 * Reads what removing these tasks (by slug) and workspaces (by folder) takes out, refusing an
 * unknown slug, a task folder that holds a task not named, the last task, and a workspace another
 * one still depends on. Reads only: nothing is written until every target has passed.
 */
export async function planRemoval(root: string, targets: readonly string[]): Promise<RemovalPlan> {
  const members: Member[] = workspacePackages(root).map(({ dir, packageJson }) => ({
    dir: relative(root, dir).split(sep).join("/"),
    name: packageJson.name ?? "",
    packageJson,
  }));
  const tasks = discoverTasks(join(root, "tasks"));
  const slugs = targets.filter((target) => !target.includes("/"));
  const folderArgs = targets.filter((target) => target.includes("/")).map((target) => target.replace(/\/+$/, ""));
  const taskFolders = checkTasks(root, tasks, slugs);
  checkFolders(folderArgs, members);
  const gone = new Set([...taskFolders, ...folderArgs]);
  const removed = members.filter((member) => gone.has(member.dir));
  const kept = members.filter((member) => !gone.has(member.dir));
  checkNoneUsed(root, removed, kept, tasks, targets);

  const rootPackage = readPackageJson(root);
  const scripts = Object.entries(rootPackage.scripts ?? {});
  const dropped = scripts.filter(([, command]) => runsOnly(command, removed, kept));
  const remainingScripts = Object.fromEntries(scripts.filter((script) => !dropped.includes(script)));
  const removedTasks = tasks.filter((task) => slugs.includes(task.slug));

  const edits = new Map<string, string | null>();
  const changes: string[] = [];
  if (dropped.length > 0) {
    const rewritten = JSON.stringify({ ...rootPackage, scripts: remainingScripts }, null, 2);
    edits.set("package.json", await formatted(root, "package.json", rewritten));
    changes.push(...dropped.map(([name, command]) => `the root script ${name} (${command}) in package.json`));
  }
  const studio = studioExampleWithout(root, onlyTheirConfigVars(removedTasks, tasks));
  if (studio.text !== undefined) {
    edits.set(STUDIO_EXAMPLE, await formatted(root, STUDIO_EXAMPLE, studio.text));
    changes.push(...studio.names.map((name) => `the config var ${name} in ${STUDIO_EXAMPLE}`));
  }
  const readme = readmeWithout(root, [...slugs, ...folderArgs]);
  if (readme.text !== undefined) {
    edits.set("README.md", await formatted(root, "README.md", readme.text));
    changes.push(...readme.rows.map((row) => `the row of ${row} in README.md`));
  }
  for (const workflow of slugs.flatMap(taskWorkflows).filter((path) => existsSync(join(root, path)))) {
    edits.set(workflow, null);
    changes.push(workflow);
  }

  const hadUsers = (member: Member) => usersOf(member, members, rootPackage.scripts).length > 0;
  const hasUsers = (member: Member) => usersOf(member, kept, remainingScripts).length > 0;
  const unused = kept.filter((member) => !member.dir.startsWith("tasks/") && hadUsers(member) && !hasUsers(member));
  return {
    slugs,
    folders: removed.map(({ dir, name }) => ({ dir, name })),
    edits,
    changes,
    unused: unused.map(({ dir, name }) => ({ dir, name })),
  };
}

/** The folders of the tasks named, once each is known, holds no other task, and one task stays. */
function checkTasks(root: string, tasks: readonly DiscoveredTask[], slugs: readonly string[]): Set<string> {
  const known = tasks.map((task) => task.slug);
  const unknown = slugs.find((slug) => !known.includes(slug));
  if (unknown !== undefined) throw new UnknownTaskError(unknown, known);
  if (slugs.length > 0 && known.every((slug) => slugs.includes(slug))) {
    throw new UsageError(
      "That would remove every task, and npm run iam generates roles for tasks: add your own first " +
        "(npm run new-task -- <task_slug>), then remove these.",
    );
  }
  const named = tasks.filter((task) => slugs.includes(task.slug));
  const folders = new Set(named.map((task) => taskFolderOf(root, task)));
  for (const folder of folders) {
    const other = tasks.find((task) => taskFolderOf(root, task) === folder && !slugs.includes(task.slug));
    if (other) {
      throw new UsageError(
        `${folder} also holds the task ${other.slug}: remove both ` +
          `(npm run remove-task -- ${[...slugs, other.slug].join(" ")}), or move ${other.slug} out first.`,
      );
    }
  }
  return folders;
}

/** Each folder given is a workspace other than a task's (a task is named by its slug). */
function checkFolders(folders: readonly string[], members: readonly Member[]): void {
  for (const folder of folders) {
    if (folder.startsWith("tasks/")) {
      throw new UsageError(`${folder}: name a task by its slug, as in npm run remove-task -- ${folder.slice(6)}`);
    }
    if (!members.some((member) => member.dir === folder)) {
      const others = members.filter((member) => !member.dir.startsWith("tasks/")).map((member) => member.dir);
      throw new UsageError(`${folder} is not a workspace of this repository. Workspaces: ${others.join(", ")}.`);
    }
  }
}

/**
 * No workspace that stays uses one that goes: by a dependency in its package.json, or by an import
 * in its code (a test may import a workspace it does not declare, through the hoisted node_modules).
 */
function checkNoneUsed(
  root: string,
  removed: readonly Member[],
  kept: readonly Member[],
  tasks: readonly DiscoveredTask[],
  targets: readonly string[],
): void {
  for (const member of removed) {
    const use = dependencyOn(member, kept) ?? importOf(root, member, kept);
    if (!use) continue;
    const itsTasks = tasks.filter((task) => taskFolderOf(root, task) === use.user.dir).map((task) => task.slug);
    const also = itsTasks.length > 0 ? itsTasks : [use.user.dir];
    throw new UsageError(
      `${use.user.dir} ${use.how} ${member.name} (${member.dir}): remove it too ` +
        `(npm run remove-task -- ${[...targets, ...also].join(" ")}), or drop that ${use.what} first.`,
    );
  }
}

interface Use {
  user: Member;
  how: string;
  what: "dependency" | "import";
}

function dependencyOn(member: Member, among: readonly Member[]): Use | undefined {
  const user = among.find((candidate) => declaredDependencies(candidate.packageJson).includes(member.name));
  return user && { user, how: "depends on", what: "dependency" };
}

/** The first code file of the kept workspaces importing the member, by its name or by a path into its folder. */
function importOf(root: string, member: Member, among: readonly Member[]): Use | undefined {
  const folder = join(root, member.dir) + sep;
  const importsMember = (file: string, specifier: string) =>
    specifier.startsWith(".")
      ? resolve(dirname(file), specifier).startsWith(folder)
      : packageName(specifier) === member.name;
  for (const user of among) {
    for (const file of sourceFiles(join(root, user.dir))) {
      if (importSpecifiers(file).some((specifier) => importsMember(file, specifier))) {
        return { user, how: `imports (in ${relative(root, file).split(sep).join("/")})`, what: "import" };
      }
    }
  }
  return undefined;
}

/** `tasks/<folder>`: the workspace a task's file is in. */
function taskFolderOf(root: string, task: DiscoveredTask): string {
  const [folder] = relative(join(root, "tasks"), task.file).split(sep);
  return `tasks/${folder}`;
}

/**
 * Whether a root script runs only what the removed workspaces had: one of their commands, or
 * `turbo run <task>` of a task no other workspace has (turbo would run nothing, and succeed).
 */
function runsOnly(command: string, removed: readonly Member[], kept: readonly Member[]): boolean {
  const [program = "", subcommand, task = "", ...more] = command.split(" ");
  if (removed.some((member) => binNames(member.packageJson).includes(program))) return true;
  const hasTask = (member: Member) => task in (member.packageJson.scripts ?? {});
  return (
    program === "turbo" && subcommand === "run" && more.length === 0 && removed.some(hasTask) && !kept.some(hasTask)
  );
}

function binNames(packageJson: PackageJson): string[] {
  const { bin, name = "" } = packageJson;
  if (bin === undefined) return [];
  return typeof bin === "string" ? [name.split("/").at(-1) ?? name] : Object.keys(bin);
}

/** The workspaces depending on one, and the root scripts running one of its commands. */
function usersOf(member: Member, among: readonly Member[], rootScripts: Record<string, string> = {}): string[] {
  const bins = binNames(member.packageJson);
  return [
    ...among
      .filter((user) => user.dir !== member.dir && declaredDependencies(user.packageJson).includes(member.name))
      .map((user) => user.dir),
    ...Object.entries(rootScripts)
      .filter(([, command]) => bins.includes(command.split(" ")[0] ?? ""))
      .map(([name]) => `package.json scripts.${name}`),
  ];
}

/** The config vars the removed tasks read (`envVars: { X: { config: name } }`) and no other task does. */
function onlyTheirConfigVars(removed: readonly DiscoveredTask[], all: readonly DiscoveredTask[]): string[] {
  const configVars = (task: DiscoveredTask) =>
    Object.values(task.config.envVars ?? {}).flatMap((value) =>
      typeof value === "object" && "config" in value ? [value.config] : [],
    );
  const keptVars = new Set(all.filter((task) => !removed.includes(task)).flatMap(configVars));
  return [...new Set(removed.flatMap(configVars))].filter((name) => !keptVars.has(name));
}

function studioExampleWithout(root: string, names: readonly string[]): { text?: string; names: string[] } {
  const file = join(root, STUDIO_EXAMPLE);
  if (!existsSync(file)) return { names: [] };
  const document = parseDocument(readFileSync(file, "utf8"));
  const listed = names.filter((name) => document.hasIn(["configVars", name]));
  for (const name of listed) document.deleteIn(["configVars", name]);
  return listed.length > 0 ? { text: document.toString(), names: listed } : { names: [] };
}

/**
 * The README without the table rows whose first cell names a removed task or workspace
 * (`` `rotate_logs` ``, ``[`tooling/bench`](tooling/bench)``).
 */
export function readmeWithout(root: string, names: readonly string[]): { text?: string; rows: string[] } {
  const file = join(root, "README.md");
  if (!existsSync(file)) return { rows: [] };
  const rows: string[] = [];
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => {
      const named = firstCell(line);
      if (named === undefined || !names.includes(named)) return true;
      rows.push(named);
      return false;
    });
  return rows.length > 0 ? { text: lines.join("\n"), rows } : { rows: [] };
}

/** A Markdown table row's first cell as plain text: `| [`x`](x) | ... |` gives x. */
function firstCell(line: string): string | undefined {
  const match = /^\|([^|]*)\|/.exec(line);
  if (!match?.[1]) return undefined;
  return match[1]
    .trim()
    .replace(/^\[(.*)\]\(.*\)$/, "$1")
    .replace(/^`(.*)`$/, "$1");
}

/** A file's new text as Prettier writes it: a table whose widest row went is narrowed, as format:check expects. */
async function formatted(root: string, path: string, text: string): Promise<string> {
  const filepath = join(root, path);
  return format(text, { ...(await resolveConfig(filepath)), filepath });
}
