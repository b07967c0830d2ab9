import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCaptured } from "@repo/cli-test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { iamCommand } from "../src/index";
import { setupCommand } from "../src/setupCommand";
import { fixtureRepo, writeTask } from "./fixtureTasks";

const OLD_TEAM = "tea20010101aaaaaaaaaa";
const NEW_TEAM = "tea20240517xyzxyzxyzx";
let repo: ReturnType<typeof fixtureRepo>;

function setup(...args: string[]) {
  return runCaptured((io) => setupCommand(args, io, repo.root));
}

const read = (file: string) => readFileSync(join(repo.root, file), "utf8");

beforeEach(() => {
  repo = fixtureRepo();
  writeTask(repo.tasksDir, { slug: "whoami" });
  runCaptured((io) =>
    iamCommand(["--team-id", OLD_TEAM, "--env", "prod", "--allow-studio"], io, { repoRoot: repo.root }),
  );
  writeFileSync(
    join(repo.root, "README.md"),
    `sub team:${OLD_TEAM}:env:prod:task:whoami\nnpm run iam -- --team-id tea20230101abcdefghij --env prod\n` +
      "Run it in prod first.\n",
  );
  writeFileSync(join(repo.root, "airplane.dev.example.yaml"), "configVars:\n  aws_region: us-east-1\n");
});

afterEach(() => {
  rmSync(repo.root, { recursive: true, force: true });
});

describe("npm run setup", () => {
  it("regenerates the Terraform and rewrites the team, env and region where they are named", () => {
    const { code, stdout, stderr } = setup("--team-id", NEW_TEAM, "--env", "staging", "--region", "eu-west-1");

    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(`Set up for team ${NEW_TEAM}, env staging, region eu-west-1:`);
    expect(stdout).toContain(
      `infra/terraform is up to date with the tasks (team ${NEW_TEAM}, env staging, studio allowed).`,
    );
    expect(read("infra/terraform/variables.tf.json")).toContain(`"default": "${NEW_TEAM}"`);
    expect(read("README.md")).toBe(
      `sub team:${NEW_TEAM}:env:staging:task:whoami\nnpm run iam -- --team-id ${NEW_TEAM} --env staging\n` +
        "Run it in prod first.\n",
    );
    expect(read("airplane.dev.example.yaml")).toBe("configVars:\n  aws_region: eu-west-1\n");
  });

  it.each([
    [["--env", "prod"], /Missing --team-id/],
    [["--team-id", "team1", "--env", "prod"], /"team1" is not a team ID/],
    [["--team-id", NEW_TEAM, "--env", "prod", "--region", "Europe"], /"Europe" is not an AWS region name/],
    [
      ["--team-id", NEW_TEAM, "--env", "prod", "--colour", "red"],
      /^Unknown option --colour\. Options: --team-id, --env, --region, --help\./,
    ],
  ])("refuses %j, writing nothing", (args, message) => {
    const files = readdirSync(join(repo.root, "infra", "terraform")).map((file) => read(`infra/terraform/${file}`));
    const { code, stderr } = setup(...args);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Usage: npm run setup -- --team-id <team id> --env <env slug>");
    expect(readdirSync(join(repo.root, "infra", "terraform")).map((file) => read(`infra/terraform/${file}`))).toEqual(
      files,
    );
    expect(read("README.md")).toContain(OLD_TEAM);
  });
});
