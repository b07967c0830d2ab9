import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CommandIO, parseCommandArgs, processIO, runCommand, UsageError } from "@repo/cli-kit";
import { type RoleUpdate, updateRoles } from "./iamUpdate";
import { recordInLockfile } from "./newTask";
import { planRemoval, type RemovalPlan } from "./removalPlan";
import { byFolder, filesNaming } from "./remainingMentions";
import { findRepoRoot } from "./workspace";

const USAGE = `Usage: npm run remove-task -- <task_slug | workspace folder>... [--no-install]

Takes out each task with everything that wires it in: tasks/<slug>/, its role in infra/terraform
(npm run iam -- --update), the config vars only it reads in airplane.dev.example.yaml, its row in
README.md, .github/workflows/task-<slug>.yml, and its entries in package-lock.json. A workspace
folder (tooling/bench) goes with the root scripts that run its commands. Everything is checked
before anything is deleted: an unknown slug, or a workspace another one still uses (a dependency,
or an import in its code), is refused. Then it names the workspaces nothing uses any more, and the
files that still name what was removed (examples, tests, prose).

  --no-install  leave package-lock.json as it is (npm install updates it)
`;

/** The generated Terraform `npm run iam -- --update` rewrites. */
const TERRAFORM = "infra/terraform";
/** Where the removed folders wait while the roles are regenerated, outside every workspace glob. */
const STAGING = ".remove-task";

/**
 * `npm run remove-task -- <slug or folder>...`: plans the removal (`planRemoval`, which checks
 * every target first), moves the folders aside, regenerates the roles without them, and only then
 * deletes them and writes the other edits; if the roles cannot be regenerated, the folders go back
 * and nothing has changed. `regenerateRoles` is `npm run iam -- --update` unless a test runs it in-process.
 */
export function removeTaskCommand(
  args: string[],
  io: CommandIO = processIO,
  root = findRepoRoot(),
  regenerateRoles: RoleUpdate = updateRoles,
): Promise<number> {
  return runCommand(io, { usage: USAGE }, async () => {
    const { values, positionals: targets } = parseCommandArgs(
      args,
      { "no-install": { type: "boolean" } },
      { positionals: true },
    );
    if (targets.length === 0) throw new UsageError("Name the task to remove (its slug), or the workspace folder.");
    const plan = await planRemoval(root, targets);
    const before = terraformFiles(root);
    const regenerate = () => plan.slugs.length === 0 || regenerateRoles(root, io);
    if (!removeFoldersAfter(root, plan, regenerate)) {
      throw new Error("npm run iam -- --update failed (its error is above), so nothing was removed.");
    }
    const lines = [
      ...plan.folders.map(({ dir, name }) => `${dir}/ (${name})`),
      ...terraformChanges(before, terraformFiles(root)),
      ...plan.changes,
    ];
    if (!values["no-install"]) {
      if (recordInLockfile(root)) lines.push("their entries in package-lock.json");
      else io.stderr.write("Could not update package-lock.json: run `npm install` before committing.\n");
    }
    io.stdout.write(`Removed:\n${lines.map((line) => `  ${line}`).join("\n")}\n`);
    io.stdout.write(afterRemoval(root, plan));
    return 0;
  });
}

/**
 * Moves the plan's folders out of the workspace globs, runs `step`, then deletes them and writes
 * the plan's edits if it succeeded, or puts them back if it did not.
 */
function removeFoldersAfter(root: string, plan: RemovalPlan, step: () => boolean): boolean {
  const staging = join(root, STAGING);
  mkdirSync(staging, { recursive: true });
  const moved = plan.folders.map(({ dir }, index) => {
    const aside = join(staging, String(index));
    renameSync(join(root, dir), aside);
    return { dir, aside };
  });
  let done = false;
  try {
    done = step();
    if (done) {
      for (const [path, text] of plan.edits) {
        if (text === null) rmSync(join(root, path));
        else writeFileSync(join(root, path), text);
      }
    }
  } finally {
    if (!done) for (const { dir, aside } of moved) renameSync(aside, join(root, dir));
    rmSync(staging, { recursive: true, force: true });
  }
  return done;
}

function terraformFiles(root: string): Map<string, string> {
  const dir = join(root, TERRAFORM);
  if (!existsSync(dir)) return new Map();
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

function terraformChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const gone = [...before.keys()].filter((name) => !after.has(name));
  const changed = [...after.keys()].filter((name) => before.has(name) && before.get(name) !== after.get(name));
  return [
    ...gone.map((name) => `${TERRAFORM}/${name} (npm run iam -- --update)`),
    ...changed.map((name) => `their entries in ${TERRAFORM}/${name}`),
  ];
}

/** What is left to the user: workspaces nothing uses any more, and files still naming what went. */
function afterRemoval(root: string, plan: RemovalPlan): string {
  const text: string[] = [];
  if (plan.unused.length > 0) {
    text.push(
      `No workspace or root script uses these any more: ${plan.unused.map(({ dir, name }) => `${dir} (${name})`).join(", ")}. ` +
        `To remove them too: npm run remove-task -- ${plan.unused.map(({ dir }) => dir).join(" ")}`,
    );
  }
  const names = [
    ...plan.slugs,
    ...plan.folders.flatMap(({ dir, name }) => (dir.startsWith("tasks/") ? [] : [dir, name])),
  ];
  const mentions = byFolder(filesNaming(root, names));
  if (mentions.length > 0) {
    text.push(
      `Still named in these files (examples, tests, prose): edit them or keep them.\n${mentions.map((file) => `  ${file}`).join("\n")}`,
    );
  }
  return text.map((paragraph) => `${paragraph}\n`).join("");
}
