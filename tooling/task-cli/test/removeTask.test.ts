import { runBin, runCaptured } from "@repo/cli-test";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { check, resolveConfig } from "prettier";
import { register } from "tsx/cjs/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLayersCommand } from "../src/checkLayersCommand";
import { findRepoRoot, readPackageJson, taskFile } from "../src/index";
import { planRemoval, readmeWithout } from "../src/removalPlan";
import { byFolder, filesNaming } from "../src/remainingMentions";
import { removeTaskCommand } from "../src/removeTaskCommand";
import { isSourceFile } from "../src/sourceImports";
import { workflowsCommand } from "../src/workflowsCommand";
import type { PackageJson } from "../src/workspace";
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

/** A repository of a few files: the rules of a removal, without this repository's cost. */
function miniature(): string {
  const root = mkdtempSync(join(tmpdir(), "remove-task-rules-"));
  scratch.push(root);
  const files: Record<string, string | object> = {
    "package.json": {
      private: true,
      workspaces: ["packages/*", "tasks/*", "tooling/*"],
      scripts: { cli: "fx-cli --verbose", check: "turbo run check", test: "turbo run test" },
    },
    "packages/lib/package.json": { name: "@fx/lib", scripts: { test: "vitest run" } },
    "tooling/cli/package.json": {
      name: "@fx/cli",
      bin: { "fx-cli": "./cli.cjs" },
      scripts: { check: "fx-cli --check", test: "vitest run" },
    },
    "tasks/one/package.json": { name: "@fx/one", dependencies: { "@fx/lib": "*" } },
    "tasks/one/one.airplane.js": task("one", {
      AWS_ROLE_ARN: { config: "role_one" },
      AWS_REGION: { config: "region" },
    }),
    "tasks/two/package.json": { name: "@fx/two" },
    "tasks/two/two.airplane.js": `${task("two", { AWS_REGION: { config: "region" } })}exports.other = ${taskCall("two_more")};\n`,
    "airplane.dev.example.yaml":
      "# For airplane dev.\nconfigVars:\n  region: us-east-1\n  role_one: arn:one # its role\n",
    "README.md": "# Fx\n\n| Task  | What |\n| ----- | ---- |\n| `one` | One. |\n| `two` | Two. |\n",
    ".github/workflows/task-one.yml": "on: workflow_dispatch\n",
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  mkdirSync(join(root, "node_modules"));
  symlinkSync(dirname(require.resolve("airplane/package.json")), join(root, "node_modules", "airplane"));
  return root;
}

function taskCall(slug: string, envVars: object = {}): string {
  return `require("airplane").default.task({ slug: "${slug}", envVars: ${JSON.stringify(envVars)} }, async () => null)`;
}

function task(slug: string, envVars: object): string {
  return `exports.default = ${taskCall(slug, envVars)};\n`;
}

describe("planRemoval, the rules", () => {
  it("takes a task's folder, the config vars only it reads, its README row and its workflow, and names what lost its last user", async () => {
    const root = miniature();
    const plan = await planRemoval(root, ["one"]);
    expect(plan.folders).toEqual([{ dir: "tasks/one", name: "@fx/one" }]);
    expect(plan.edits.get("airplane.dev.example.yaml")).toBe("# For airplane dev.\nconfigVars:\n  region: us-east-1\n");
    expect(plan.edits.get("README.md")).toBe("# Fx\n\n| Task  | What |\n| ----- | ---- |\n| `two` | Two. |\n");
    expect(plan.edits.get(".github/workflows/task-one.yml")).toBeNull();
    expect(plan.edits.has("package.json")).toBe(false);
    expect(plan.unused).toEqual([{ dir: "packages/lib", name: "@fx/lib" }]);
  });

  it("takes a workspace with the root scripts that run its commands, or a turbo task only it had", async () => {
    const root = miniature();
    const plan = await planRemoval(root, ["tooling/cli"]);
    const rootPackage = JSON.parse(plan.edits.get("package.json") ?? "") as PackageJson;
    expect(rootPackage.scripts).toEqual({ test: "turbo run test" });
    expect(plan.changes).toEqual([
      "the root script cli (fx-cli --verbose) in package.json",
      "the root script check (turbo run check) in package.json",
    ]);
  });

  it.each([
    [["onee"], /^No task has the slug "onee"\. Did you mean one\? Tasks: one, two, two_more\.$/],
    [
      ["two"],
      /^tasks\/two also holds the task two_more: remove both \(npm run remove-task -- two two_more\), or move two_more out first\.$/,
    ],
    [
      ["packages/lib"],
      /^tasks\/one depends on @fx\/lib \(packages\/lib\): remove it too \(npm run remove-task -- packages\/lib one\), or drop that dependency first\.$/,
    ],
    [["tasks/one"], /^tasks\/one: name a task by its slug, as in npm run remove-task -- one$/],
    [
      ["tooling/none"],
      /^tooling\/none is not a workspace of this repository\. Workspaces: packages\/lib, tooling\/cli\.$/,
    ],
    [
      ["one", "two", "two_more"],
      /^That would remove every task, and npm run iam generates roles for tasks: add your own first/,
    ],
  ])("refuses %j, writing nothing", async (targets, message) => {
    const root = miniature();
    const { code, stderr } = await runCaptured((io) => removeTaskCommand([...targets, "--no-install"], io, root));
    expect(code).toBe(1);
    expect(stderr.split("\n")[0]).toMatch(message);
    expect(readdirSync(join(root, "tasks"))).toEqual(["one", "two"]);
    expect(existsSync(join(root, ".github/workflows/task-one.yml"))).toBe(true);
  });

  it.each([
    ["by its name, without declaring it", "tooling/cli/test/lib.test.js", 'require("@fx/lib/helpers");\n'],
    ["by a path into its folder", "tooling/cli/src/read.js", 'require("../../../packages/lib/index.js");\n'],
  ])("refuses to take out a workspace that code of another imports %s, writing nothing", async (_, file, text) => {
    const root = miniature();
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    const targets = ["packages/lib", "one"];
    const { code, stderr } = await runCaptured((io) => removeTaskCommand([...targets, "--no-install"], io, root));
    expect(code).toBe(1);
    expect(stderr.split("\n")[0]).toBe(
      `tooling/cli imports (in ${file}) @fx/lib (packages/lib): remove it too ` +
        "(npm run remove-task -- packages/lib one tooling/cli), or drop that import first.",
    );
    expect(readdirSync(join(root, "tasks"))).toEqual(["one", "two"]);
    expect(existsSync(join(root, "packages", "lib", "package.json"))).toBe(true);
  });
});

describe("byFolder, the report's files still naming what went", () => {
  it("gives a folder of five or more as the folder and their count, where its first was; the root's by name", () => {
    const corpus = ["a", "b", "c", "d", "e"].map((name) => `test/corpus/${name}.json`);
    const root = ["a", "b", "c", "d", "e"].map((name) => `${name}.md`);
    expect(byFolder(["README.md", ...corpus, "src/x.ts"])).toEqual(["README.md", "test/corpus/ (5 files)", "src/x.ts"]);
    expect(byFolder(corpus.slice(0, 4))).toEqual(corpus.slice(0, 4));
    expect(byFolder(root)).toEqual(root);
  });
});

/** The files a removal must leave without the removed names: where a task or a workspace is wired in. */
const wiring = (slugs: readonly string[], installed: boolean) => (file: string) =>
  file.startsWith("infra/terraform/") ||
  file === "airplane.dev.example.yaml" ||
  file === "package.json" ||
  (installed && file === "package-lock.json") ||
  slugs.some((slug) => file.startsWith(`.github/workflows/task-${slug}.`));

/**
 * Runs `npm run remove-task` on a copy of this repository, then the checks a removal must pass
 * that load no task: the layers, the format of what it rewrote, the removed names nowhere they wire
 * something in (every other file naming them listed), no code naming a removed task's folder, and
 * every npm script CI runs still there. An import of a removed workspace the command itself refuses.
 */
async function removeAndCheck(copy: string, targets: string[], { install }: { install: boolean }): Promise<void> {
  const slugs = targets.filter((target) => !target.includes("/"));
  const folders = targets.filter((target) => target.includes("/"));
  const names = [
    ...slugs,
    ...folders.flatMap((folder) => [folder, readPackageJson(join(copy, folder)).name ?? folder]),
  ];
  const removed = await runCaptured((io) =>
    removeTaskCommand([...targets, ...(install ? [] : ["--no-install"])], io, copy),
  );
  expect(removed.code, removed.stderr).toBe(0);

  for (const target of [...slugs.map((slug) => `tasks/${slug}`), ...folders]) {
    expect(existsSync(join(copy, target)), target).toBe(false);
  }
  const layers = runCaptured((io) => checkLayersCommand([], io, copy));
  expect(layers.code, layers.stderr).toBe(0);
  for (const file of ["README.md", "airplane.dev.example.yaml", "package.json"]) {
    const filepath = join(copy, file);
    const settings = { ...(await resolveConfig(filepath)), filepath };
    expect(await check(readFileSync(filepath, "utf8"), settings), file).toBe(true);
  }
  const naming = filesNaming(copy, names);
  const listed = removed.stdout.split("Still named in these files")[1]?.match(/^ {2}\S.*$/gm) ?? [];
  expect(listed.map((line) => line.trim())).toEqual(byFolder(naming));
  expect(naming.filter(wiring(slugs, install))).toEqual([]);
  expect(readmeWithout(copy, names).rows).toEqual([]);
  const taskFolders = slugs.map((slug) => `tasks/${slug}`);
  expect(filesNaming(copy, taskFolders).filter(isSourceFile), "code naming a removed task's folder").toEqual([]);
  expect(scriptsCiRunsMissing(copy), "npm scripts CI runs").toEqual([]);
}

// npm run iam -- --check, without npm's own start-up: the bin its script runs.
const iamBin = join(findRepoRoot(), "tooling", "iam-terraform", "bin", "airplane-iam.cjs");

/**
 * What is generated from the tasks is up to date: `npm run iam -- --check` and `npm run workflows
 * -- --check`. Each loads every task (about 2 CPU-s): once after several removals.
 */
async function expectGeneratedUpToDate(copy: string): Promise<void> {
  const iam = await runBin(iamBin, ["--check"], { cwd: copy });
  expect(iam.code, iam.stderr).toBe(0);
  const workflows = await runCaptured((io) => workflowsCommand(["--check"], io, copy));
  expect(workflows.code, workflows.stderr).toBe(0);
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

// Each removal regenerates the roles (npm run iam loads the tasks: about 2 CPU-s), and so does
// each check of the roles and workflows: the shipped tasks go one after another from one copy,
// what is generated from them checked once at the end (the rest after each), the last from a copy
// of its own (the repository keeps a task at least), and the units side by side.
describe.concurrent("npm run remove-task on this repository", { timeout: 300_000 }, () => {
  const last = shippedTasks.at(-1) ?? "";

  it("removes each shipped task but the last in turn, each removal leaving a repository that passes the checks", async () => {
    const copy = copyOfThisRepository();
    for (const slug of shippedTasks.slice(0, -1)) await removeAndCheck(copy, [slug], { install: false });
    await expectGeneratedUpToDate(copy);
    const refused = await runCaptured((io) => removeTaskCommand([last, "--no-install"], io, copy));
    expect(refused.stderr).toMatch(/^That would remove every task/);
    expect(existsSync(join(copy, "tasks", last))).toBe(true);
  });

  it(`removes the last shipped task, ${last}, from a copy of its own`, async () => {
    const copy = copyOfThisRepository();
    await removeAndCheck(copy, [last], { install: false });
    await expectGeneratedUpToDate(copy);
  });

  it.each(optionalUnits)("removes %s as one unit, package-lock.json included", async (_, targets) => {
    const copy = copyOfThisRepository();
    await removeAndCheck(copy, targets, { install: true });
    if (targets.some((target) => !target.includes("/"))) await expectGeneratedUpToDate(copy);
    const lock = readFileSync(join(copy, "package-lock.json"), "utf8");
    for (const folder of targets.filter((target) => target.includes("/"))) expect(lock).not.toContain(`"${folder}"`);
  });
});
