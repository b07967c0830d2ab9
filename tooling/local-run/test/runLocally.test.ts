import { runCaptured } from "@repo/cli-test";
import { register } from "tsx/cjs/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmRunTask } from "../src/index";

// The usage and an unknown slug load every task, TypeScript through tsx, as the bin registers it.
let unregisterTsx: () => void;
beforeAll(() => {
  unregisterTsx = register();
});

afterAll(() => {
  unregisterTsx();
});

const local = (...args: string[]) => runCaptured((io) => npmRunTask(["--local", ...args], io));

// What `--local` does with a task is tested in that task's folder (test/localRun.e2e.test.ts), so
// that removing a task takes its tests along; here, only what needs no particular task.
describe("npm run task -- --local, refusing a command line before starting anything", () => {
  it.each([
    [["--state"], /^--state needs a value\.\n\nUsage: npm run task -- \[--local \[--state <file>\]\]/],
    [
      ["--verbose", "t"],
      /^Unknown option --verbose\. Options: --local, --state, --json, --help\.\n\nUsage: npm run task -- /,
    ],
    [["no_such_task"], /^No task has the slug "no_such_task"\. Tasks: \w+/],
  ])("refuses %j, saying how to call it", { timeout: 30_000 }, async (args, message) => {
    const { code, stdout, stderr } = await local(...args);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });
});
