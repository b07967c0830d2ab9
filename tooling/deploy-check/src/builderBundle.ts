import { runNode } from "@repo/cli-kit";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BuilderToolchain } from "./builderToolchain";
import type { Finding } from "./finding";

const BUILDER_DIR = join(__dirname, "..", "builder");

const BUNDLE_RULE =
  "the builder bundles every task file at once with its esbuild.js (esbuild 0.17, platform node, CommonJS, " +
  "--target=node<version>, its externals) into /airplane/.airplane, and its universal shim into " +
  ".airplane/dist/universal-shim.js (pkg/build/node/node.go NodeBundle, pkg/build/node/esbuild.js)";

/**
 * The build tools the builder installs into `<root>/.airplane` before bundling, as node.go
 * `GenShimPackageJSON` lists them for a bundle build: esbuild, esbuild-plugin-tsc, typescript and
 * jsdom at the versions of the CLI's pkg/build/node/package.json, and `airplane` unless the
 * project has its own. Installed once per version set and hard-linked afterwards.
 */
export async function installBuildTools(
  upload: string,
  projectDependencies: string[],
  toolchain: BuilderToolchain,
  cacheDir: string,
): Promise<void> {
  const { dependencies: pinned } = JSON.parse(readFileSync(join(BUILDER_DIR, "build-tools.package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const dependencies: Record<string, string> = {};
  if (!projectDependencies.includes("airplane")) dependencies.airplane = pinned.airplane!;
  for (const tool of ["esbuild", "esbuild-plugin-tsc", "typescript", "jsdom"]) dependencies[tool] = pinned[tool]!;
  const packageJson = JSON.stringify({ dependencies });
  const key = createHash("sha256").update(toolchain.node).update(packageJson).digest("hex").slice(0, 16);
  const cached = join(cacheDir, `build-tools-${key}`);
  if (!existsSync(join(cached, "node_modules"))) {
    const staging = `${cached}.staging`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(staging, "package.json"), packageJson);
    const install = await runNode([toolchain.npmCli, "install", "--legacy-peer-deps", "--no-audit", "--no-fund"], {
      node: toolchain.node,
      cwd: staging,
      env: { NODE_ENV: "production" },
    });
    if (install.exitCode !== 0) throw new Error(`Cannot install the builder's tools:\n${install.stderr}`);
    rmSync(cached, { recursive: true, force: true });
    renameSync(staging, cached);
  }
  const dotAirplane = join(upload, ".airplane");
  mkdirSync(dotAirplane, { recursive: true });
  writeFileSync(join(dotAirplane, "package.json"), packageJson);
  execFileSync("cp", ["-al", join(cached, "node_modules"), join(dotAirplane, "node_modules")]);
  copyFileSync(join(BUILDER_DIR, "esbuild.js"), join(dotAirplane, "esbuild.js"));
  copyFileSync(join(BUILDER_DIR, "universal-node-shim.js"), join(dotAirplane, "universal-shim.js"));
}

/**
 * Runs the builder's two esbuild steps in the upload: the universal shim, then every task file
 * (`<upload>/<file>` becomes `<upload>/.airplane/<file without .ts>.js`), with the image's Node.
 */
export async function bundleAsBuilder(
  upload: string,
  taskFiles: string[],
  externals: string[],
  toolchain: BuilderToolchain,
): Promise<Finding | undefined> {
  const dotAirplane = join(upload, ".airplane");
  const target = `node${toolchain.version}`;
  const steps = [
    [
      JSON.stringify([join(dotAirplane, "universal-shim.js")]),
      target,
      JSON.stringify(externals),
      join(dotAirplane, "dist", "universal-shim.js"),
    ],
    [
      JSON.stringify(taskFiles.map((file) => join(upload, file))),
      target,
      JSON.stringify(externals),
      "",
      dotAirplane,
      upload,
    ],
  ];
  for (const args of steps) {
    const { exitCode, stderr } = await runNode([join(dotAirplane, "esbuild.js"), ...args], {
      node: toolchain.node,
      cwd: upload,
      env: {},
    });
    if (exitCode !== 0) {
      const file = /(tasks\/[^:\s]+)/.exec(stderr)?.[1] ?? taskFiles.join(", ");
      return {
        file,
        rule: BUNDLE_RULE,
        problem: `the builder's esbuild step fails:\n${stderr.trim()}`,
        fix: "Fix the import esbuild reports; a package a task imports must be in that task's dependencies.",
      };
    }
  }
  return undefined;
}

/** Where the builder writes a task file's bundle: esbuild's outdir .airplane, outbase the root. */
export function bundlePath(upload: string, taskFile: string): string {
  return join(upload, ".airplane", taskFile.replace(/\.[jt]sx?$/, ".js"));
}

export function shimPath(upload: string): string {
  return join(upload, ".airplane", "dist", "universal-shim.js");
}
