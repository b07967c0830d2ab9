import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { type DiscoveredTask, discoverTasks } from "@repo/task-cli";
import { IamInputError } from "./iamInputError";
import { readPermissionsFile } from "./readPermissionsFile";
import type { TaskDescription } from "./taskDescription";

export const PERMISSIONS_FILE = "aws-permissions.json";

/**
 * Every task under `tasksDir`, as the generator needs it: the slug and the config var holding the
 * role ARN from the task's own definition, the permissions from the `aws-permissions.json` next to
 * it. Task files are loaded the way Airplane does (`discoverTasks`), so TypeScript tasks need tsx
 * registered in the process, as the `airplane-iam` command does. All problems are reported at
 * once, so one run shows everything to fix.
 */
export function readTaskDescriptions(tasksDir: string, repoRoot: string): TaskDescription[] {
  const shown = (path: string) => relative(repoRoot, path).split(sep).join("/");
  const tasks = discoverTasks(tasksDir);
  if (tasks.length === 0) {
    throw new IamInputError(`No Airplane task (*.airplane.ts) under ${shown(tasksDir)}: nothing to generate.`);
  }
  const problems: string[] = [...tasksSharingAFolder(tasks, shown)];
  const descriptions: TaskDescription[] = [];
  for (const task of tasks) {
    const folder = join(tasksDir, task.slug);
    if (dirname(task.file) !== folder) {
      problems.push(
        `Task ${task.slug} is in ${shown(dirname(task.file))}: move it to ${shown(folder)}, the folder named after ` +
          "its slug, where the local stand-in reads its permissions (npm run new-task makes it so).",
      );
    }
    const roleArnConfigVar = roleArnConfigVarOf(task);
    if (!roleArnConfigVar) problems.push(missingConfigVar(task, shown(task.file)));
    const permissionsPath = join(dirname(task.file), PERMISSIONS_FILE);
    if (!existsSync(permissionsPath)) {
      problems.push(
        `Task ${task.slug} has no ${shown(permissionsPath)}. List the AWS actions the task calls there, or write ` +
          '{ "statements": [] } if it calls none.',
      );
      continue;
    }
    const permissions = readPermissionsFile(permissionsPath, shown(permissionsPath));
    if ("problems" in permissions) problems.push(...permissions.problems);
    else if (roleArnConfigVar) {
      const { statements } = permissions;
      descriptions.push({ slug: task.slug, roleArnConfigVar, statements, permissionsFile: shown(permissionsPath) });
    }
  }
  if (problems.length > 0) throw new IamInputError(problems.join("\n"));
  return descriptions;
}

function roleArnConfigVarOf(task: DiscoveredTask): string | undefined {
  const mapping = task.config.envVars?.AWS_ROLE_ARN;
  return typeof mapping === "object" && "config" in mapping && mapping.config ? mapping.config : undefined;
}

function missingConfigVar(task: DiscoveredTask, file: string): string {
  return (
    `Task ${task.slug} (${file}) does not map AWS_ROLE_ARN from a config var, so there is nowhere to put its ` +
    `role's ARN. Add to its airplane.task(...) definition: envVars: { AWS_ROLE_ARN: { config: ` +
    `"aws_role_arn_${task.slug}" }, AWS_REGION: { config: "aws_region" } }.`
  );
}

// One aws-permissions.json per folder: two tasks in one folder would silently share it.
function tasksSharingAFolder(tasks: readonly DiscoveredTask[], shown: (path: string) => string): string[] {
  const byFolder = new Map<string, DiscoveredTask[]>();
  for (const task of tasks) byFolder.set(dirname(task.file), [...(byFolder.get(dirname(task.file)) ?? []), task]);
  return [...byFolder]
    .filter(([, inFolder]) => inFolder.length > 1)
    .map(
      ([folder, inFolder]) =>
        `Tasks ${inFolder.map((task) => task.slug).join(", ")} are all in ${shown(folder)}, which has one ` +
        `${PERMISSIONS_FILE}: give each task its own folder (npm run new-task) so each role gets its own permissions.`,
    );
}
