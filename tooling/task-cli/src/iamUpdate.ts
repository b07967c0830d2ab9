import { spawnSync } from "node:child_process";

/**
 * `npm run iam -- --update`, as a command: iam-terraform reads the tasks through this package, so
 * importing it here would be a dependency cycle. It regenerates infra/terraform with the team and
 * env already committed there, dropping the files of tasks no longer there. Its report, which
 * ends with terraform commands, is not this command's: only its errors are shown.
 */
export function updateRoles(root: string): boolean {
  const result = spawnSync("npm", ["run", "--silent", "iam", "--", "--update"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return result.status === 0;
}
