import { runCaptured } from "@repo/cli-test";
import { register } from "tsx/cjs/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverTasks, findRepoRoot, needsValue } from "@repo/task-cli";
import { join } from "node:path";
import { GITHUB_ISSUER } from "@repo/oidc-issuers";
import { demo, npmRunTask, testStackConfig } from "../src/index";
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
function airplaneOnly(...args: Parameters<typeof testStackConfig>) {
  const { github: _github, ...config } = testStackConfig(...args);
  return config;
}

// A repository set up for GitHub Actions alone: no Airplane provider, so no role trusts Airplane.
function githubOnly(...args: Parameters<typeof testStackConfig>) {
  const config = testStackConfig(...args);
  return { ...config, oidcProviders: config.oidcProviders.filter((provider) => provider.url === GITHUB_ISSUER) };
}

// Any task of the repository that needs no parameter.
function parameterlessTask(): string {
  const tasks = discoverTasks(join(findRepoRoot(), "tasks"));
  return tasks.find((task) => !Object.values(task.config.parameters ?? {}).some(needsValue))?.slug ?? "";
}

describe("npm run task -- --local --github in a repository whose roles trust no GitHub repository", () => {
  it("says how to add one, before starting a stand-in", { timeout: 30_000 }, async () => {
    const request = { slug: parameterlessTask(), taskArgs: [], local: true, github: true };
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

describe("a repository whose roles trust GitHub Actions alone", () => {
  it("runs --local as the task's GitHub Actions job, and says so", { timeout: 60_000 }, async () => {
    const request = { slug: parameterlessTask(), taskArgs: [], local: true, github: false, json: false };
    const { code, stdout, stderr } = await runCaptured((io) => runLocally(request, io, githubOnly));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("trusts no Airplane team, so the run is the task's GitHub Actions job");
    expect(stdout).toContain("1. GitHub issued an ID token");
  });

  it("shows npm start as the GitHub Actions job only", { timeout: 60_000 }, async () => {
    const { code, stdout } = await runCaptured((io) => demo([], io, githubOnly));
    expect(code, stdout).toBe(0);
    expect(stdout).toContain("1. GitHub issued an ID token");
    expect(stdout).not.toContain("Airplane issued");
    expect(stdout).toMatch(/Done in [\d.]+ s: 1 token fetch, 1 STS call/);
  });
});
