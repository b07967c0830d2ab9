import {
  chainingTasks,
  iamDefinitions,
  memberRolesModel,
  readTaskPermissions,
  valueBinding,
} from "@repo/iam-terraform";
import type { RoleConfig } from "@repo/local-stack";

/**
 * The member roles of every task that chains, in each member account, as `npm run iam --
 * --member-roles --task-account <task account>` generates them and `terraform apply` would create
 * them: the generator's own model of them, read from each task folder's aws-permissions.json.
 */
export function memberAccountRoles(
  repoRoot: string,
  taskAccountId: string,
  accountIds: readonly string[],
): RoleConfig[] {
  const tasks = chainingTasks(readTaskPermissions(repoRoot));
  if (tasks.length === 0 || accountIds.length === 0) return [];
  // The member roles reference nothing of the account they are in: one model serves every account.
  const { roles } = iamDefinitions({
    roles: memberRolesModel(tasks, { taskAccountId }, valueBinding({}, taskAccountId)),
  });
  return accountIds.flatMap((accountId) => roles.map((role) => ({ ...role, accountId })));
}
