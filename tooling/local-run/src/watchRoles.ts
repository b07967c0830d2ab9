import type { LocalStack, RoleConfig } from "@repo/local-stack";
import { watch } from "node:fs";

/**
 * Keeps the stand-in's roles equal to a Terraform folder while it runs: after `npm run new-task`
 * or `npm run iam` changes the folder, the roles are loaded again and `onChange` hears which
 * roles are new and which are gone. A folder caught half-written is reported, and read again on
 * its next change. Returns the function that stops watching.
 */
export function watchRoles(
  stack: LocalStack,
  dir: string,
  loadRoles: () => RoleConfig[],
  onChange: (change: { added: string[]; removed: string[]; error?: unknown }) => void,
): () => void {
  let names = new Set(loadRoles().map((role) => role.name));
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    try {
      const roles = loadRoles();
      stack.replaceRoles(roles);
      const now = new Set(roles.map((role) => role.name));
      const added = [...now].filter((name) => !names.has(name));
      const removed = [...names].filter((name) => !now.has(name));
      names = now;
      if (added.length > 0 || removed.length > 0) onChange({ added, removed });
    } catch (error) {
      onChange({ added: [], removed: [], error });
    }
  };
  // A generator writes several files in a row: one reload after the burst (measured: npm run iam
  // writes its files within 20 ms).
  const watcher = watch(dir, () => {
    clearTimeout(timer);
    timer = setTimeout(reload, 200);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
