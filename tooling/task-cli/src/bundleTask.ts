import { build, type Metafile } from "esbuild";
import { basename, dirname, join } from "node:path";
import { findTaskFiles } from "./discoverTasks";
import { findRepoRoot, readPackageJson, workspacePackages } from "./workspace";

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;

/**
 * What Airplane's builder leaves out of a bundle: every dependency declared by any workspace and
 * by the root, except the workspace packages themselves, which it bundles from their source.
 */
export function externalDependencies(root: string): string[] {
  const members = workspacePackages(root);
  const local = new Set(members.map((member) => member.packageJson.name));
  const packages = [readPackageJson(root), ...members.map((member) => member.packageJson)];
  const declared = packages.flatMap((packageJson) =>
    DEPENDENCY_FIELDS.flatMap((field) => Object.keys(packageJson[field] ?? {})),
  );
  return [...new Set(declared)].filter((name) => !local.has(name)).sort();
}

export interface BundleResult {
  entry: string;
  outfile: string;
  bytes: number;
  inputs: string[];
}

/**
 * Bundles each task file of a package the way `airplane deploy` does: esbuild, platform node,
 * CommonJS, third-party dependencies external, workspace packages compiled in from source.
 * The output is `dist/<file name>.js` without the `.airplane` part, so Airplane's discovery, which
 * does not skip dist/, never mistakes it for a second task.
 */
export async function bundleTasks(
  packageDir: string,
  { minify = false, root = findRepoRoot(packageDir) }: { minify?: boolean; root?: string } = {},
): Promise<BundleResult[]> {
  return Promise.all(
    findTaskFiles(packageDir).map((entry) => {
      const outfile = join(packageDir, "dist", `${basename(entry).replace(/\.airplane\.[jt]sx?$/, "")}.js`);
      return bundleEntry(entry, outfile, { minify, root });
    }),
  );
}

/** Bundles one entry file the way Airplane's builder does (see `bundleTasks`). */
export async function bundleEntry(
  entry: string,
  outfile: string,
  { minify = false, root = findRepoRoot(dirname(entry)) }: { minify?: boolean; root?: string } = {},
): Promise<BundleResult> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: externalDependencies(root),
    minify,
    metafile: true,
    logLevel: "warning",
  });
  return { entry, outfile, bytes: outputBytes(result.metafile), inputs: Object.keys(result.metafile.inputs) };
}

function outputBytes(metafile: Metafile): number {
  return Object.values(metafile.outputs).reduce((total, output) => total + output.bytes, 0);
}
