import { runCaptured } from "@repo/cli-test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planRemoval } from "../src/removalPlan";
import { byFolder } from "../src/remainingMentions";
import { removeTaskCommand } from "../src/removeTaskCommand";
import type { PackageJson } from "../src/workspace";

// What remove-task decides, on a repository of a few files; test/scaffold/removeTask.test.ts runs
// it on copies of this one.
const scratch: string[] = [];

afterAll(() => {
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
