import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  chainingTasks,
  generateMemberRoles,
  loadTerraformRoles,
  PERMISSIONS_FILE,
  readPermissionsFile,
  type TaskDescription,
  writeTerraformFiles,
} from "@repo/iam-terraform";
import type { RoleConfig } from "@repo/local-stack";

/**
 * The member roles of every task that chains, in each member account, as `npm run iam --
 * --member-roles --task-account <task account>` writes them and `terraform apply` would create them:
 * generated, written and read back through the same Terraform as a user's.
 *
 * Read from each task folder's aws-permissions.json (the folder named after the slug, as
 * `npm run new-task` makes it) rather than by loading every task module, which `npm run iam` does
 * and which would add seconds to every start of the stand-in.
 */
export function memberAccountRoles(
  repoRoot: string,
  taskAccountId: string,
  accountIds: readonly string[],
): RoleConfig[] {
  const tasks = chainingTasks(permissionsOfTasks(repoRoot));
  if (tasks.length === 0 || accountIds.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), "member-roles-"));
  try {
    writeTerraformFiles(dir, generateMemberRoles(tasks, { taskAccountId }));
    return accountIds.flatMap((accountId) =>
      loadTerraformRoles(dir, { accountId }).roles.map((role) => ({ ...role, accountId })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function permissionsOfTasks(repoRoot: string): TaskDescription[] {
  const tasksDir = join(repoRoot, "tasks");
  return readdirSync(tasksDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(tasksDir, entry.name, PERMISSIONS_FILE)))
    .flatMap((entry): TaskDescription[] => {
      const permissionsFile = `tasks/${entry.name}/${PERMISSIONS_FILE}`;
      const read = readPermissionsFile(join(repoRoot, permissionsFile), permissionsFile);
      if ("problems" in read) throw new Error(read.problems.join("\n"));
      return [
        {
          slug: entry.name,
          roleArnConfigVar: `aws_role_arn_${entry.name}`,
          statements: read.statements,
          permissionsFile,
        },
      ];
    });
}
