import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILDER_EXTRA_EXTERNALS, BUNDLED_ESM_PACKAGES } from "./builderRules";
import type { WorkspaceInfo } from "./yarnWorkspaces";

interface DeclaredDependencies {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * What the builder tells esbuild to leave external, as node_externals.go `ExternalPackages`
 * computes it: every declared dependency (see `declaredDependencies`), except the ESM-only packages it knows and the workspace packages some workspace
 * depends on with a matching version (yarn's `workspaceDependencies`), plus `@temporalio` and
 * `@swc` (node.go). A workspace package depended on with a mismatched range stays external.
 */
export function builderExternals(root: string, workspaces: WorkspaceInfo[]): string[] {
  const bundledWorkspaces = new Set(workspaces.flatMap((workspace) => workspace.workspaceDependencies));
  const external = declaredDependencies(root, workspaces).filter(
    (name) => !BUNDLED_ESM_PACKAGES.includes(name) && !bundledWorkspaces.has(name),
  );
  return [...new Set([...external, ...BUILDER_EXTRA_EXTERNALS])].sort();
}

/**
 * Every dependency, devDependency and optionalDependency of the root and of each workspace:
 * node_externals.go `ListDependencies` over `GetPackageJSONs` (peerDependencies are not read).
 */
export function declaredDependencies(root: string, workspaces: WorkspaceInfo[]): string[] {
  const names = [".", ...workspaces.map((workspace) => workspace.location)].flatMap((dir) => {
    const packageJson = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as DeclaredDependencies;
    return [packageJson.dependencies, packageJson.devDependencies, packageJson.optionalDependencies].flatMap((field) =>
      Object.keys(field ?? {}),
    );
  });
  return [...new Set(names)];
}
