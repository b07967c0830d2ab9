import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { IamInputError } from "./iamInputError";
import { readPermissionsFile } from "./readPermissionsFile";
import { PERMISSIONS_FILE } from "./readTaskDescriptions";
import type { TaskPermissions } from "./taskDescription";

/**
 * Every task's declared statements, read from `tasks/<slug>/aws-permissions.json` without loading
 * any task module: what the local stand-in builds its roles from, since loading every task through
 * tsx would add seconds to each of its starts. `npm run iam` holds every task to the folder named
 * after its slug, so both read the same files.
 */
export function readTaskPermissions(repoRoot: string): TaskPermissions[] {
  const tasksDir = join(repoRoot, "tasks");
  const problems: string[] = [];
  const tasks = readdirSync(tasksDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(tasksDir, entry.name, PERMISSIONS_FILE)))
    .flatMap((entry): TaskPermissions[] => {
      const permissionsFile = `tasks/${entry.name}/${PERMISSIONS_FILE}`;
      const read = readPermissionsFile(join(repoRoot, permissionsFile), permissionsFile);
      if ("problems" in read) {
        problems.push(...read.problems);
        return [];
      }
      return [{ slug: entry.name, statements: read.statements, permissionsFile }];
    });
  if (problems.length > 0) throw new IamInputError(problems.join("\n"));
  return tasks.sort((a, b) => (a.slug < b.slug ? -1 : 1));
}
