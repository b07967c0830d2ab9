import { runNode } from "@repo/cli-kit";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { BuilderToolchain } from "./builderToolchain";
import { copyUpload } from "./uploadTree";
import type { Finding } from "./finding";
import type { WorkspaceInfo } from "./yarnWorkspaces";

const INSTALL_RULE =
  "the builder copies the package*.json files of the root and of each workspace yarn lists, then runs `npm ci` " +
  "(package-lock.json present) with NODE_ENV=production, so devDependencies are not installed, using the npm of " +
  "its node:18.12.0 image (pkg/build/node/node.go GetNodeInstallInstructions, makeInstallCommand, NodeBundle)";

/** Scripts that make the builder install from the whole code instead: node_externals.go `installHookScripts`. */
const INSTALL_HOOK_SCRIPTS = ["dependencies", "preinstall", "prepare", "prepublish", "postinstall"];

/**
 * Installs the upload's dependencies into `<upload>/node_modules` as the builder does. The result
 * depends only on the package files and the toolchain, so it is kept in `cacheDir` under their
 * hash and hard-linked into the next uploads (an install takes about 30 s, a link 1 s).
 */
export async function productionInstall(
  upload: string,
  workspaces: WorkspaceInfo[],
  toolchain: BuilderToolchain,
  cacheDir: string,
): Promise<Finding | undefined> {
  const packageFiles = installInputs(upload, workspaces);
  const key = createHash("sha256").update(toolchain.node).update(toolchain.npmCli);
  for (const file of packageFiles) key.update(file).update(readFileSync(join(upload, file)));
  const cached = join(cacheDir, `install-${key.digest("hex").slice(0, 16)}`);
  if (!existsSync(join(cached, "node_modules"))) {
    const staging = `${cached}.staging`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    copyUpload(upload, staging, needsWholeCode(upload, packageFiles) ? readdirRecursive(upload) : packageFiles);
    // The builder's `npm ci`, taking what npm's cache already holds rather than asking the registry
    // again for each package: the lockfile pins every version and integrity, so the result is the
    // same, and a new workspace (which changes the key) costs seconds, not a download of everything.
    const ci = [toolchain.npmCli, "ci", "--prefer-offline", "--no-audit", "--no-fund"];
    const { exitCode, stdout, stderr } = await runNode(ci, {
      node: toolchain.node,
      cwd: staging,
      env: { NODE_ENV: "production" },
    });
    if (exitCode !== 0) {
      return {
        file: "package-lock.json",
        rule: INSTALL_RULE,
        problem: `the production install fails:\n${(stderr || stdout).trim()}`,
        fix: "Run `npm install` so that package-lock.json matches every package.json, and commit both.",
      };
    }
    rmSync(cached, { recursive: true, force: true });
    renameSync(staging, cached);
  }
  // Hard links (cp -al) keep the workspaces' relative symbolic links pointing into this upload.
  execFileSync("cp", ["-al", join(cached, "node_modules"), join(upload, "node_modules")]);
  return undefined;
}

/** The files the builder installs from: package*.json and yarn.* of the root and of each workspace. */
function installInputs(upload: string, workspaces: WorkspaceInfo[]): string[] {
  return [".", ...workspaces.map((workspace) => workspace.location)].flatMap((dir) =>
    readdirSync(join(upload, dir))
      .filter((name) => /^package.*\.json$/.test(name) || name.startsWith("yarn."))
      .map((name) => (dir === "." ? name : `${dir}/${name}`)),
  );
}

function needsWholeCode(upload: string, packageFiles: string[]): boolean {
  return packageFiles
    .filter((file) => file.endsWith("package.json"))
    .some((file) => {
      const { scripts = {} } = JSON.parse(readFileSync(join(upload, file), "utf8")) as {
        scripts?: Record<string, string>;
      };
      return INSTALL_HOOK_SCRIPTS.some((script) => script in scripts);
    });
}

function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/**
 * Bytes and packages under a node_modules folder: each file once, symbolic links (the workspace
 * packages, .bin) not followed, as `find <dir> -type f -printf '%s\n'` adds them up.
 */
export function installedSize(nodeModules: string): { bytes: number; packages: number } {
  let bytes = 0;
  let packages = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        bytes += lstatSync(path).size;
        if (entry.name === "package.json" && /node_modules\/(@[^/]+\/)?[^/@]+$/.test(dir)) packages++;
      }
    }
  };
  walk(nodeModules);
  return { bytes, packages };
}
