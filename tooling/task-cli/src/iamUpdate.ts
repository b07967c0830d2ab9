import { spawnSync } from "node:child_process";
import type { CommandIO } from "@repo/cli-kit";

/**
 * How new-task and remove-task regenerate the roles in infra/terraform, with the team and env
 * already committed there (dropping the files of tasks no longer there): true when it succeeded,
 * its errors written to `io.stderr`. Its report, which ends with terraform commands, is not theirs.
 */
export type RoleUpdate = (root: string, io: CommandIO) => boolean;

/**
 * `npm run iam -- --update`, as a command: iam-terraform reads the tasks through this package, so
 * importing it here would be a dependency cycle.
 */
export const updateRoles: RoleUpdate = (root, io) => {
  const result = spawnSync("npm", ["run", "--silent", "iam", "--", "--update"], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  if (result.stderr) io.stderr.write(result.stderr);
  return result.status === 0;
};
