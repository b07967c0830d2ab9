import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PackageJson {
  name?: string;
  workspaces?: string[];
  bin?: string | Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  airplane?: { root?: string };
}

export interface WorkspacePackage {
  dir: string;
  packageJson: PackageJson;
}

export function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageJson;
}

/** The repository root: the nearest folder above `from` whose package.json declares workspaces. */
export function findRepoRoot(from: string = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && readPackageJson(dir).workspaces) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json with "workspaces" above ${from}.`);
  }
}

/**
 * The root's workspace members. Only the `folder/*` globs this repository uses are expanded: a glob
 * library would be one more dependency for a two-level pattern.
 */
export function workspacePackages(root: string): WorkspacePackage[] {
  return (readPackageJson(root).workspaces ?? []).flatMap((pattern) => {
    const dirs = pattern.endsWith("/*")
      ? listDirs(join(root, pattern.slice(0, -2))).map((name) => join(root, pattern.slice(0, -2), name))
      : [join(root, pattern)];
    return dirs
      .filter((dir) => existsSync(join(dir, "package.json")))
      .map((dir) => ({ dir, packageJson: readPackageJson(dir) }));
  });
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every dependency a package.json declares, of any kind: each is a use of that package. */
export function declaredDependencies(packageJson: PackageJson): string[] {
  const { dependencies, devDependencies, peerDependencies, optionalDependencies } = packageJson;
  return Object.keys({ ...dependencies, ...devDependencies, ...peerDependencies, ...optionalDependencies });
}
