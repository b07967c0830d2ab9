// Not a declared dependency: iam-terraform depends on this package, and turbo refuses a cycle.
import { iamCommand } from "@repo/iam-terraform";
import { runCaptured } from "@repo/cli-test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check, getFileInfo, resolveConfig } from "prettier";
import { expect } from "vitest";
import type { RoleUpdate } from "../../src/iamUpdate";
import { workflowsCommand } from "../../src/workflowsCommand";

/**
 * `npm run iam -- --update` in this process: the generator `npm run iam` runs, without a process
 * (npm, Node, tsx, every task loaded again) per removal. A run as a user types it spawns the real one.
 */
export const updateRolesInProcess: RoleUpdate = (root, io) =>
  iamCommand(["--update"], { stdout: { write: () => true }, stderr: io.stderr }, { repoRoot: root }) === 0;

/** `npm run iam -- --check` and `npm run workflows -- --check`, in this process: what CI checks of what is generated from the tasks. */
export async function expectGeneratedUpToDate(root: string): Promise<void> {
  const iam = runCaptured((io) => iamCommand(["--check"], io, { repoRoot: root }));
  expect(iam.code, iam.stderr).toBe(0);
  const workflows = await runCaptured((io) => workflowsCommand(["--check"], io, root));
  expect(workflows.code, workflows.stderr).toBe(0);
}

/** `npx prettier --check <files>` in this process: each file Prettier formats and .prettierignore leaves in. */
export async function expectFormatted(root: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const filepath = join(root, file);
    const info = await getFileInfo(filepath, { ignorePath: join(root, ".prettierignore") });
    if (info.ignored || info.inferredParser === null) continue;
    const settings = { ...(await resolveConfig(filepath)), filepath };
    expect(await check(readFileSync(filepath, "utf8"), settings), file).toBe(true);
  }
}
