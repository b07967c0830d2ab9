import { join, relative, sep } from "node:path";
import { importSpecifiers, packageName, sourceFiles } from "./sourceImports";
import { type PackageJson, workspacePackages } from "./workspace";

/**
 * The repository's layers, each a top folder of workspaces, and what a layer's code may import:
 * libraries the tasks deploy (`packages/`) stand on nothing of ours above them; a task stands on
 * libraries; a developer command (`tooling/`) on libraries and other commands; what tests share
 * (`testing/`) on anything. Tests themselves may import anything.
 */
export const LAYERS = {
  packages: ["packages"],
  tasks: ["packages"],
  tooling: ["packages", "tooling"],
  testing: ["packages", "tasks", "tooling", "testing"],
} as const satisfies Record<string, readonly string[]>;

export type Layer = keyof typeof LAYERS;

const ABOUT: Record<Layer, string> = {
  packages: "libraries the tasks deploy",
  tasks: "the tasks",
  tooling: "developer commands",
  testing: "what tests share",
};

export interface LayerViolation {
  /** The importing file, or package.json, relative to the root. */
  file: string;
  imported: string;
  message: string;
}

/** A test, or what only tests read: such a file may import any layer. */
export function isTestFile(path: string): boolean {
  return /(^|\/)(test|tests|__tests__)\//.test(path) || /\.test\.[cm]?[jt]sx?$/.test(path);
}

/**
 * Every import, and every runtime dependency in a package.json, that runs against the layers: a
 * file outside tests importing a workspace of a layer its own may not import.
 */
export function layerViolations(root: string): LayerViolation[] {
  const workspaces = workspacePackages(root).map(({ dir, packageJson }) => ({
    dir,
    name: packageJson.name ?? "",
    layer: relative(root, dir).split(sep)[0] as Layer,
    packageJson,
  }));
  const layerOf = new Map(workspaces.map((workspace) => [workspace.name, workspace.layer]));
  const violations: LayerViolation[] = [];
  const check = (file: string, from: Layer, imported: string) => {
    const name = packageName(imported);
    const to = layerOf.get(name);
    if (to === undefined || (LAYERS[from] as readonly string[]).includes(to)) return;
    violations.push({
      file,
      imported: name,
      message:
        `${file} imports ${name}, of ${to}/ (${ABOUT[to]}): ${from}/ (${ABOUT[from]}) may import ` +
        `${LAYERS[from].map((layer) => `${layer}/`).join(" and ")} only. Move what it needs down a layer, ` +
        "or import it from a test.",
    });
  };
  for (const workspace of workspaces) {
    if (!(workspace.layer in LAYERS)) continue;
    const runtime = Object.keys(runtimeDependencies(workspace.packageJson));
    const manifest = relative(root, join(workspace.dir, "package.json"));
    for (const name of runtime) check(`${manifest} (dependencies)`, workspace.layer, name);
    for (const file of sourceFiles(workspace.dir)) {
      const path = relative(root, file);
      if (isTestFile(relative(workspace.dir, file))) continue;
      for (const specifier of importSpecifiers(file)) {
        if (packageName(specifier) !== workspace.name) check(path, workspace.layer, specifier);
      }
    }
  }
  return violations;
}

function runtimeDependencies(packageJson: PackageJson): Record<string, string> {
  return { ...packageJson.dependencies, ...packageJson.peerDependencies, ...packageJson.optionalDependencies };
}
