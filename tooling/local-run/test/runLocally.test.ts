import { runCaptured } from "@repo/cli-test";
import { register } from "tsx/cjs/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverTasks, findRepoRoot, needsValue } from "@repo/task-cli";
import { join } from "node:path";
import { npmRunTask, repoStackConfig } from "../src/index";
import { runLocally } from "../src/runLocally";

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
    [["--state"], /^--state needs a value\.\n\nUsage: npm run task -- \[--local \[--github\] \[--state <file>\]\]/],
    [
      ["--verbose", "t"],
      /^Unknown option --verbose\. Options: --local, --github, --state, --json, --help\.\n\nUsage: npm run task -- /,
    ],
    [["no_such_task"], /^No task has the slug "no_such_task"\. Tasks: \w+/],
  ])("refuses %j, saying how to call it", { timeout: 30_000 }, async (args, message) => {
    const { code, stdout, stderr } = await local(...args);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });
});

// A repository set up for Airplane alone: infra/terraform names no GitHub repository.
function airplaneOnly(...args: Parameters<typeof repoStackConfig>) {
  const { github: _github, ...config } = repoStackConfig(...args);
  return config;
}

describe("npm run task -- --local --github in a repository whose roles trust no GitHub repository", () => {
  it("says how to add one, before starting a stand-in", { timeout: 30_000 }, async () => {
    // Any task of the repository that needs no parameter: the refusal comes before it runs.
    const tasks = discoverTasks(join(findRepoRoot(), "tasks"));
    const slug = tasks.find((task) => !Object.values(task.config.parameters ?? {}).some(needsValue))?.slug ?? "";
    const request = { slug, taskArgs: [], local: true, github: true };
    const { code, stdout, stderr } = await runCaptured((io) =>
      runLocally({ ...request, json: false }, io, airplaneOnly),
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "infra/terraform trusts no GitHub repository, so no GitHub Actions job may assume a task's role: add one " +
        "with npm run setup, giving --github <owner>/<repo> --github-owner-id <id> --github-repository-id <id> " +
        "(gh api repos/<owner>/<repo> --jq '.owner.id, .id') beside the settings you use, then run this again.\n",
    );
  });
});
