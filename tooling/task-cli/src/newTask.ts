import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { format, resolveConfig } from "prettier";
import { discoverTasks } from "./discoverTasks";
import { UsageError } from "@repo/cli-kit";
import { readPackageJson, workspacePackages } from "./workspace";

const TEMPLATES = join(__dirname, "..", "templates", "task");
/**
 * `.template` ends a template's name, or comes before its extension: the task file's template is
 * `{{slug}}.airplane.template.ts`, TypeScript the repository's lint type-checks against aws-auth as
 * it stands, yet no `*.airplane.ts` that Airplane's discovery would take for a task.
 */
const TEMPLATE_SUFFIX = /\.template(?=(\.[a-z]+)?$)/;
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
 * Writes `tasks/<slug>/` for each slug from the templates: package.json, the task file using
 * aws-auth, its declared AWS permissions and a unit and an end-to-end test, all of which pass as
 * generated. Every slug is checked before any file is written. Dependency versions are copied
 * from the workspaces that already use them, so the repository keeps one version of each.
 * Returns the files written, per slug.
 */
export async function createTasks(root: string, slugs: readonly string[]): Promise<Map<string, string[]>> {
  checkNewSlugs(root, slugs);
  const versions = declaredVersions(root);
  const written = new Map<string, string[]>();
  for (const slug of slugs) written.set(slug, await writeTask(root, taskPlaceholders(slug, versions)));
  return written;
}

function checkNewSlugs(root: string, slugs: readonly string[]): void {
  for (const slug of slugs) validateTaskSlug(slug);
  const repeated = slugs.find((slug, index) => slugs.indexOf(slug) !== index);
  if (repeated) throw new UsageError(`${repeated} is given twice: name each new task once.`);
  const existing = slugs.find((slug) => existsSync(join(root, "tasks", slug)));
  if (existing) throw new UsageError(`tasks/${existing} already exists: choose another slug.`);
  const taken = discoverTasks(join(root, "tasks")).find((task) => slugs.includes(task.slug));
  if (taken) throw new UsageError(`The slug ${taken.slug} is already used by ${relative(root, taken.file)}.`);
}

async function writeTask(root: string, placeholders: Placeholders): Promise<string[]> {
  const taskDir = join(root, "tasks", placeholders.slug);
  const written: string[] = [];
  for (const template of listTemplates(TEMPLATES)) {
    const target = join(taskDir, render(relative(TEMPLATES, template), placeholders).replace(TEMPLATE_SUFFIX, ""));
    const text = render(readFileSync(template, "utf8"), placeholders);
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

/** What a template's `{{slug}}`, `{{name}}` and `{{version <package>}}` stand for. */
interface Placeholders {
  slug: string;
  name: string;
  versions: Map<string, string>;
}

function taskPlaceholders(slug: string, versions: Map<string, string>): Placeholders {
  return { slug, name: slug.charAt(0).toUpperCase() + slug.slice(1).replace(/_/g, " "), versions };
}

/**
 * Replaces every placeholder in one pass, so a value is never read again as a template (a slug
 * such as \`my_task\` once turned \`task.airplane\` into \`my_my_task.airplane\`). \`{{...}}\` cannot
 * occur in a slug or a version, and any other placeholder is an error rather than text left behind.
 * By hand: three kinds of placeholder in six small files do not need a template engine.
 */
export function render(text: string, { slug, name, versions }: Placeholders): string {
  return text.replace(/\{\{(\w+)(?: ([^{}\s]+))?\}\}/g, (placeholder, kind: string, argument?: string) => {
    if (kind === "slug" && argument === undefined) return slug;
    if (kind === "name" && argument === undefined) return name;
    if (kind === "version" && argument !== undefined) {
      const version = versions.get(argument);
      if (!version) throw new Error(`No workspace declares ${argument}, which the task template needs.`);
      return version;
    }
    throw new Error(`Unknown placeholder ${placeholder} in a task template.`);
  });
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
