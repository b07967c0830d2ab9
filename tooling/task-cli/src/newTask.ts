import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { format, resolveConfig } from "prettier";
import { discoverTasks } from "./discoverTasks";
import { UsageError } from "./parseTaskArgs";
import { readPackageJson, workspacePackages } from "./workspace";

const TEMPLATES = join(__dirname, "..", "templates", "task");
const MAX_SLUG_LENGTH = 49;

/** Airplane's rule for a task slug: under 50 characters of a-z, 0-9 and _, starting with a letter. */
export function validateTaskSlug(slug: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(slug) || slug.length > MAX_SLUG_LENGTH) {
    throw new UsageError(
      `"${slug}" is not a valid Airplane task slug: use 1 to ${MAX_SLUG_LENGTH} characters of lowercase letters, ` +
        `digits and "_", starting with a letter (for example rotate_access_logs).`,
    );
  }
  return slug;
}

/**
 * Writes `tasks/<slug>/` from the templates: package.json, the task file using aws-auth, its
 * declared AWS permissions and a unit and an end-to-end test, all of which pass as generated.
 * Dependency versions are copied from the workspaces that already use them, so the repository
 * keeps one version of each.
 */
export async function createTask(root: string, slug: string): Promise<string[]> {
  validateTaskSlug(slug);
  const taskDir = join(root, "tasks", slug);
  if (existsSync(taskDir)) throw new UsageError(`tasks/${slug} already exists: choose another slug.`);
  const taken = discoverTasks(join(root, "tasks")).find((task) => task.slug === slug);
  if (taken) throw new UsageError(`The slug ${slug} is already used by ${relative(root, taken.file)}.`);

  const versions = declaredVersions(root);
  const written: string[] = [];
  for (const template of listTemplates(TEMPLATES)) {
    const target = join(
      taskDir,
      relative(TEMPLATES, template)
        .replace(/\.template$/, "")
        .replace(/(^|\/)task\./, `$1${slug}.`),
    );
    const text = render(readFileSync(template, "utf8"), slug, versions).replace(/task\.airplane/g, `${slug}.airplane`);
    mkdirSync(dirname(target), { recursive: true });
    // Formatted with the repository's own settings: a long slug must not leave a line too long.
    writeFileSync(target, await format(text, { ...(await resolveConfig(target)), filepath: target }));
    written.push(relative(root, target));
  }
  return written.sort();
}

/** Records the new workspace in package-lock.json, so `npm ci` (and CI) accepts the repository. */
export function recordInLockfile(root: string): boolean {
  const args = ["install", "--package-lock-only", "--prefer-offline", "--no-audit", "--no-fund"];
  return spawnSync("npm", args, { cwd: root, stdio: "inherit" }).status === 0;
}

// Placeholders are replaced by hand: two kinds of token in five small files do not need a
// template engine.
function render(text: string, slug: string, versions: Map<string, string>): string {
  const name = slug.charAt(0).toUpperCase() + slug.slice(1).replace(/_/g, " ");
  return text
    .replace(/__VERSION:([^_]+(?:_[^_]+)*)__/g, (_, dependency: string) => {
      const version = versions.get(dependency);
      if (!version) throw new Error(`No workspace declares ${dependency}, which the task template needs.`);
      return version;
    })
    .replace(/__SLUG__/g, slug)
    .replace(/__NAME__/g, name);
}

function declaredVersions(root: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const packageJson of [readPackageJson(root), ...workspacePackages(root).map((member) => member.packageJson)]) {
    for (const field of [packageJson.dependencies, packageJson.devDependencies]) {
      for (const [name, version] of Object.entries(field ?? {})) if (!versions.has(name)) versions.set(name, version);
    }
  }
  return versions;
}

function listTemplates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTemplates(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
