import { mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { builderExternals, declaredDependencies } from "./builderExternals";
import { bundleAsBuilder, bundlePath, installBuildTools, shimPath } from "./builderBundle";
import { builderToolchain } from "./builderToolchain";
import { deployDirectory } from "./deployDirectory";
import { deployNodeVersion } from "./deployNodeVersion";
import { discoverEntityFiles, strayEntityFiles, taskFolderOf, taskFoldersWithoutTaskFile } from "./discoverEntityFiles";
import { externalImportFindings } from "./externalImports";
import { type Finding, isFinding } from "./finding";
import { loadBundle, type LoadedTask } from "./loadBundles";
import { installedSize, productionInstall } from "./productionInstall";
import { type DeployedTask, plannedRuns, smokeRuns } from "./smokeRuns";
import { missingStudioConfigVars } from "./studioConfig";
import { copyUpload, uploadedFiles } from "./uploadTree";
import { yarnWorkspaces } from "./yarnWorkspaces";

export interface DeployCheckReport {
  findings: Finding[];
  /** What the simulation found out, line by line, for the output. */
  facts: string[];
}

export interface DeployCheckOptions {
  /** Where the builder's tools and installs are kept between runs. */
  cacheDir?: string;
  /** Run the smoke runs against the stand-in (the tests of single stages leave them out). */
  runTasks?: boolean;
  log?: (line: string) => void;
}

/**
 * Simulates `airplane deploy` of the repository at `root`, stage by stage as the CLI and its
 * builder do it, and returns every way the deploy would go wrong. A stage whose result the next
 * one needs (the Node version, the workspaces, the install, the bundling) stops the check when it
 * fails; the checks of single tasks all run, so one report lists every broken task.
 */
export async function deployCheck(root: string, options: DeployCheckOptions = {}): Promise<DeployCheckReport> {
  const { cacheDir = defaultCacheDir(), runTasks = true, log = () => {} } = options;
  const facts: string[] = [];
  const started = performance.now();
  const fact = (line: string) => {
    facts.push(line);
    log(`${line} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };

  const deployDir = deployDirectory(root);
  const entityFiles = discoverEntityFiles(root, join(root, deployDir));
  const taskFiles = entityFiles.filter((file) => taskFolderOf(file) !== undefined);
  // From the root too: `airplane dev` discovers there, whatever directory the deploy workflow gives.
  const rootFiles = deployDir === "." ? entityFiles : discoverEntityFiles(root, root);
  fact(
    `discovery from the repository root: ${rootFiles.length} task files` +
      (deployDir === "." ? "" : `; in ${deployDir}, which the deploy workflow deploys: ${entityFiles.length}`),
  );
  const findings = [...strayEntityFiles(rootFiles), ...taskFoldersWithoutTaskFile(root, entityFiles)];

  const picked = deployNodeVersion(root);
  if (isFinding(picked)) return { findings: [...findings, picked], facts };
  fact(`deploy Node: ${picked.version} (${picked.reason})`);
  const toolchain = builderToolchain(cacheDir, picked.version);

  const upload = mkdtempSync(join(tmpdir(), "deploy-check-"));
  try {
    const files = uploadedFiles(root);
    copyUpload(root, upload, files);
    fact(`upload: ${files.length} files`);

    const workspaces = await yarnWorkspaces(toolchain.node, upload);
    if (isFinding(workspaces)) return { findings: [...findings, workspaces], facts };

    const installFailure = await productionInstall(upload, workspaces, toolchain, cacheDir);
    if (installFailure) return { findings: [...findings, installFailure], facts };
    const { bytes, packages } = installedSize(join(upload, "node_modules"));
    fact(`production install: ${packages} packages, ${(bytes / 1e6).toFixed(1)} MB`);

    await installBuildTools(upload, declaredDependencies(upload, workspaces), toolchain, cacheDir);
    const externals = builderExternals(upload, workspaces);
    const bundleFailure = await bundleAsBuilder(upload, taskFiles, externals, toolchain);
    if (bundleFailure) return { findings: [...findings, bundleFailure], facts };
    fact(`bundled ${taskFiles.length} tasks with the builder's esbuild.js, --target=node${toolchain.version}`);

    const deployed = new Map<string, DeployedTask>();
    const loadedTasks: LoadedTask[] = [];
    // Loaded side by side: each load is a Node process that mostly waits on its own start-up.
    const loads = await Promise.all(
      taskFiles.map((taskFile) =>
        loadBundle(toolchain, taskFile, bundlePath(upload, taskFile), taskFolderOf(taskFile)!),
      ),
    );
    for (const [index, taskFile] of taskFiles.entries()) {
      const bundle = bundlePath(upload, taskFile);
      const slug = taskFolderOf(taskFile)!;
      findings.push(...externalImportFindings(taskFile, bundle, externals));
      const loaded = loads[index]!;
      findings.push(...loaded.findings);
      if (loaded.task) {
        loadedTasks.push(loaded.task);
        deployed.set(slug, { taskFile, bundle, exportName: loaded.task.exportName });
      }
    }
    fact(`loaded on Node ${toolchain.version}: ${[...deployed.keys()].join(", ") || "none"}`);
    findings.push(...missingStudioConfigVars(root, loadedTasks));

    if (runTasks) {
      const { runs, unrun } = plannedRuns(loadedTasks);
      findings.push(...(await smokeRuns(toolchain, shimPath(upload), runs, deployed)));
      const ran = [...new Set(runs.map((run) => run.slug))].join(", ");
      fact(`ran from their bundles on Node ${toolchain.version} against the stand-in: ${ran}`);
      if (unrun.length > 0) fact(`loaded only (a required parameter has no default): ${unrun.join(", ")}`);
    }
    return { findings, facts };
  } finally {
    rmSync(upload, { recursive: true, force: true });
  }
}

/**
 * The builder's Node, npm, build tools and installs are kept out of the repository, so every clone
 * and worktree of it shares them: $XDG_CACHE_HOME/airplane-deploy-check or ~/.cache/...
 */
export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "airplane-deploy-check");
}
