import { type CommandResult, runCaptured, runProcess } from "@repo/cli-test";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { register } from "tsx/cjs/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLayersCommand } from "../../src/checkLayersCommand";
import { findRepoRoot, readPackageJson, taskFile } from "../../src/index";
import { readmeWithout } from "../../src/removalPlan";
import { byFolder, filesNaming } from "../../src/remainingMentions";
import { removeTaskCommand } from "../../src/removeTaskCommand";
import { isSourceFile } from "../../src/sourceImports";
import { expectFormatted, expectGeneratedUpToDate, updateRolesInProcess } from "./inProcess";
import { repositoryCopy } from "./repositoryCopy";

const scratch: string[] = [];
// remove-task loads the tasks, TypeScript through tsx, as its bin registers it.
let unregisterTsx: () => void;

beforeAll(() => {
  unregisterTsx = register();
});

afterAll(() => {
  unregisterTsx();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** The files a removal must leave without the removed names: where a task or a workspace is wired in. */
const wiring = (slugs: readonly string[], installed: boolean) => (file: string) =>
  file.startsWith("infra/terraform/") ||
  file === "airplane.dev.example.yaml" ||
  file === "package.json" ||
  (installed && file === "package-lock.json") ||
  slugs.some((slug) => file.startsWith(`.github/workflows/task-${slug}.`));

/**
 * A removal in this process, the roles regenerated in it too and package-lock.json left as it is
 * (`--no-install`); or, `asTyped`, `npm run remove-task -- <targets>` as a user types it.
 */
function remove(copy: string, targets: string[], { asTyped }: { asTyped: boolean }): Promise<CommandResult> {
  if (asTyped) return runProcess("npm", ["run", "remove-task", "--", ...targets], { cwd: copy });
  return runCaptured((io) => removeTaskCommand([...targets, "--no-install"], io, copy, updateRolesInProcess));
}

/**
 * Removes the targets from a copy of this repository, then runs the checks a removal must pass
 * that load no task: the layers, the format of what it rewrote, the removed names nowhere they wire
 * something in (every other file naming them listed), no code naming a removed task's folder, and
 * every npm script CI runs still there. An import of a removed workspace the command itself refuses.
 */
async function removeAndCheck(copy: string, targets: string[], { asTyped = false } = {}): Promise<void> {
  const slugs = targets.filter((target) => !target.includes("/"));
  const folders = targets.filter((target) => target.includes("/"));
  const names = [
    ...slugs,
    ...folders.flatMap((folder) => [folder, readPackageJson(join(copy, folder)).name ?? folder]),
  ];
  const removed = await remove(copy, targets, { asTyped });
  expect(removed.code, removed.stderr).toBe(0);

  for (const target of [...slugs.map((slug) => `tasks/${slug}`), ...folders]) {
    expect(existsSync(join(copy, target)), target).toBe(false);
  }
  const layers = runCaptured((io) => checkLayersCommand([], io, copy));
  expect(layers.code, layers.stderr).toBe(0);
  await expectFormatted(copy, ["README.md", "airplane.dev.example.yaml", "package.json"]);
  const naming = filesNaming(copy, names);
  const listed = removed.stdout.split("Still named in these files")[1]?.match(/^ {2}\S.*$/gm) ?? [];
  expect(listed.map((line) => line.trim())).toEqual(byFolder(naming));
  expect(naming.filter(wiring(slugs, asTyped))).toEqual([]);
  expect(readmeWithout(copy, names).rows).toEqual([]);
  const taskFolders = slugs.map((slug) => `tasks/${slug}`);
  expect(filesNaming(copy, taskFolders).filter(isSourceFile), "code naming a removed task's folder").toEqual([]);
  expect(scriptsCiRunsMissing(copy), "npm scripts CI runs").toEqual([]);
}

/** The npm scripts `.ci/run` and the GitHub workflows run (`npm start`, `npm run iam`...) that package.json no longer has. */
function scriptsCiRunsMissing(root: string): string[] {
  const workflows = join(root, ".github", "workflows");
  const files = [join(root, ".ci", "run"), ...readdirSync(workflows).map((name) => join(workflows, name))];
  // Comment lines aside: they may name a command without running it.
  const commands = files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => !line.trim().startsWith("#")),
  );
  // A script's name ends where the word does: "npm run task: --value" in a description names none.
  const run = /\bnpm (?:run(?:-script)? ([\w:-]*\w)(?=\s|$)|(start|test)\b)/g;
  const named = commands.flatMap((line) => [...line.matchAll(run)].map((match) => match[1] ?? match[2] ?? ""));
  const scripts = readPackageJson(root).scripts ?? {};
  return [...new Set(named)].filter((name) => !(name in scripts));
}

function copyOfThisRepository(): string {
  const copy = repositoryCopy("remove-task-");
  scratch.push(copy);
  return copy;
}

const shippedTasks = readdirSync(join(findRepoRoot(), "tasks")).filter((slug) =>
  existsSync(taskFile(findRepoRoot(), slug)),
);

/**
 * The units README lists, each with what of it this repository still has: a team may have removed
 * one (then it is not here to remove), or a task of one (then the rest of it goes).
 */
const optionalUnits: Array<[string, string[]]> = (
  [
    ["the benchmarks", ["tooling/bench"]],
    ["the deploy simulation", ["tooling/deploy-check"]],
    ["the audit", ["audit_aws_oidc_roles", "packages/trust-policy-audit", "tooling/trust-policy-audit-cli"]],
  ] satisfies Array<[string, string[]]>
)
  .map(([unit, targets]): [string, string[]] => [
    unit,
    targets.filter((target) =>
      target.includes("/") ? existsSync(join(findRepoRoot(), target)) : shippedTasks.includes(target),
    ),
  ])
  .filter(([, targets]) => targets.some((target) => target.includes("/")));

// Removals that do not depend on one another share a copy, one after another, and what is
// generated from the tasks (each check loads every task) is checked once a copy. The last shipped
// task goes from a copy of its own (the repository keeps a task at least). One removal, the last
// unit's, runs as a user types it: npm, the bin, `npm run iam` and the package-lock.json update.
describe.concurrent("npm run remove-task on copies of this repository", { timeout: 300_000 }, () => {
  const last = shippedTasks.at(-1) ?? "";
  const units = optionalUnits.slice(0, -1);

  it("removes each shipped task but the last in turn, each removal leaving a repository that passes the checks", async () => {
    const copy = copyOfThisRepository();
    for (const slug of shippedTasks.slice(0, -1)) await removeAndCheck(copy, [slug]);
    await expectGeneratedUpToDate(copy);
    const refused = await remove(copy, [last], { asTyped: false });
    expect(refused.stderr).toMatch(/^That would remove every task/);
    expect(existsSync(join(copy, "tasks", last))).toBe(true);
  });

  it(`removes the last shipped task and units in turn from a copy of their own: ${[last, ...units.map(([unit]) => unit)].join(", ")}`, async () => {
    const copy = copyOfThisRepository();
    await removeAndCheck(copy, [last]);
    for (const [, targets] of units) await removeAndCheck(copy, targets);
    await expectGeneratedUpToDate(copy);
  });

  it.each(optionalUnits.slice(-1))(
    "removes %s as one unit as a user types it, package-lock.json included",
    async (_, targets) => {
      const copy = copyOfThisRepository();
      await removeAndCheck(copy, targets, { asTyped: true });
      if (targets.some((target) => !target.includes("/"))) await expectGeneratedUpToDate(copy);
      const lock = readFileSync(join(copy, "package-lock.json"), "utf8");
      for (const folder of targets.filter((target) => target.includes("/"))) expect(lock).not.toContain(`"${folder}"`);
    },
  );
});
