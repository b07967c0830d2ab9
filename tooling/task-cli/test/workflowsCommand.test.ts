import { runCaptured } from "@repo/cli-test";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TaskConfig } from "../src/taskDefinition";
import { workflowsCommand } from "../src/workflowsCommand";

const CI_YML = join(__dirname, "..", "..", "..", ".github", "workflows", "ci.yml");
let root: string;

// A repository of its own: its tasks, and ci.yml for the pins. Each task file has a name of its own,
// as a file Node has loaded once is not read again.
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "workflows-"));
  mkdirSync(join(root, ".github", "workflows"), { recursive: true });
  cpSync(CI_YML, join(root, ".github", "workflows", "ci.yml"));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

let written = 0;
/** A task file as `airplane.task` leaves it: an export carrying `__airplane`. */
function writeTask(config: TaskConfig): void {
  const dir = join(root, "tasks", config.slug);
  mkdirSync(dir, { recursive: true });
  const task = { __airplane: { type: "node", config } };
  writeFileSync(
    join(dir, `${config.slug}_${++written}.airplane.js`),
    `exports.default = ${JSON.stringify(task)};\nexports.default.__airplane.baseFunc = async () => null;\n`,
  );
}

function removeTask(slug: string): void {
  rmSync(join(root, "tasks", slug), { recursive: true });
}

function workflows(...args: string[]) {
  return runCaptured((io) => workflowsCommand(args, io, root));
}

const workflowPath = (name: string) => join(root, ".github", "workflows", name);

describe("npm run workflows", () => {
  it("writes one workflow per task, which --check then accepts, and leaves hand-written workflows alone", async () => {
    writeTask({ slug: "echo", parameters: { name: { type: "shorttext" } } });
    writeTask({ slug: "who_am_i" });
    const handWritten = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n";
    writeFileSync(workflowPath("task-by-hand.yml"), handWritten);

    const write = await workflows();
    expect(write.code, write.stderr).toBe(0);
    expect(write.stdout).toContain("created   .github/workflows/task-echo.yml");
    expect(write.stdout).toContain("created   .github/workflows/task-who_am_i.yml");
    expect(readFileSync(workflowPath("task-echo.yml"), "utf8")).toContain("environment: task-echo");
    expect(readFileSync(workflowPath("task-by-hand.yml"), "utf8")).toBe(handWritten);

    const check = await workflows("--check");
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain("up to date, and GitHub's parser accepts each file");
  });

  it("--check names a stale, missing or extra workflow and the command that fixes it, writing nothing", async () => {
    writeTask({ slug: "echo", parameters: { name: { type: "shorttext" } } });
    writeTask({ slug: "gone" });
    expect((await workflows()).code).toBe(0);
    const before = readFileSync(workflowPath("task-echo.yml"), "utf8");

    removeTask("echo");
    writeTask({ slug: "echo", parameters: { name: { type: "shorttext" }, loud: { type: "boolean", default: false } } });
    removeTask("gone");
    writeTask({ slug: "added" });
    const check = await workflows("--check");
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(
      ".github/workflows does not match the tasks:\n" +
        "  out of date  task-echo.yml\n" +
        "  missing      task-added.yml\n" +
        "  extra        task-gone.yml\n" +
        "Regenerate them and commit the result: npm run workflows\n",
    );
    expect(readFileSync(workflowPath("task-echo.yml"), "utf8")).toBe(before);

    const write = await workflows();
    expect(write.stdout).toContain("removed   .github/workflows/task-gone.yml");
    expect(existsSync(workflowPath("task-gone.yml"))).toBe(false);
    expect((await workflows("--check")).code).toBe(0);
  });

  it("--check fails on any workflow GitHub's parser refuses, hand-written ones included", async () => {
    writeTask({ slug: "echo" });
    expect((await workflows()).code).toBe(0);
    writeFileSync(workflowPath("broken.yml"), "on: push\njobs:\n  a:\n    runs-on: x\n    permissions: root\n");
    const check = await workflows("--check");
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^GitHub would refuse:\n {2}broken\.yml \(Line: 5, Col: 18\): /);
  });

  it("refuses every task a workflow cannot run, naming each, before writing anything", async () => {
    writeTask({ slug: "uploads", parameters: { file: { type: "upload" } } });
    writeTask({
      slug: "crowded",
      parameters: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`p${i}`, { type: "shorttext" }])),
    });
    writeTask({ slug: "fine" });
    const write = await workflows();
    expect(write.code).toBe(1);
    expect(write.stderr).toContain("Task uploads cannot run as a GitHub workflow: parameter file is of type upload");
    expect(write.stderr).toContain("Task crowded cannot run as a GitHub workflow: it has 26 parameters");
    expect(existsSync(workflowPath("task-fine.yml"))).toBe(false);
  });
});
