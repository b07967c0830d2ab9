import { runNode } from "@repo/cli-kit";
import type { Finding } from "./finding";

export interface WorkspaceInfo {
  name: string;
  /** Relative to the root. */
  location: string;
  workspaceDependencies: string[];
}

const YARN_RULE =
  "the builder lists the workspaces with `yarn workspaces info` (yarn 1), even for npm workspaces, to choose " +
  "which package.json files to install from and which workspace packages to bundle " +
  "(pkg/build/node/node_externals.go getYarnWorkspaceInfo)";

/**
 * The workspaces as the builder sees them: `yarn workspaces info` run in the root by yarn 1.22.22
 * (the last yarn 1, which also refuses a `packageManager` field naming another manager), its JSON
 * taken out of the output as node_externals.go does. The environment is only PATH and HOME, so a
 * COREPACK_ROOT or SKIP_YARN_COREPACK_CHECK of the caller's cannot hide that refusal.
 */
export async function yarnWorkspaces(node: string, root: string): Promise<WorkspaceInfo[] | Finding> {
  const yarn = require.resolve("yarn/bin/yarn.js");
  const { exitCode, stdout, stderr } = await runNode([yarn, "workspaces", "info"], { node, cwd: root, env: {} });
  const output = `${stdout}${stderr}`;
  const json = /{[\S\s]+}/.exec(stdout)?.[0];
  if (exitCode !== 0 || !json) {
    return {
      file: "package.json",
      rule: YARN_RULE,
      problem: `\`yarn workspaces info\` fails, so the build stops: ${output.trim().split("\n")[0]}`,
      fix: output.includes('"packageManager"')
        ? 'Declare npm in "devEngines": { "packageManager": ... } (turbo reads it too), not in "packageManager", which yarn 1.22.22 refuses.'
        : "Run `npx yarn workspaces info` in the repository root and fix what it reports.",
    };
  }
  const parsed = JSON.parse(json) as Record<string, Omit<WorkspaceInfo, "name">>;
  return Object.entries(parsed).map(([name, info]) => ({ name, ...info }));
}
