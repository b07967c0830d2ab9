import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCaptured } from "@repo/cli-test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { iamCommand } from "../src/index";
import { fixtureRepo, READ_TAGS, WRITE_TAGS, writeTask } from "./fixtureTasks";

const TEAM = "tea20010101aaaaaaaaaa";
let repo: ReturnType<typeof fixtureRepo>;
let out: string;

/** Runs the command in-process against the fixture repository; tasks are plain JS, so no tsx is needed. */
function run(...args: string[]) {
  return runCaptured((io) => iamCommand(args, io, { repoRoot: repo.root, cwd: repo.root }));
}

function generated(): string[] {
  return readdirSync(out).sort();
}

beforeEach(() => {
  repo = fixtureRepo();
  out = join(repo.root, "infra", "terraform");
  writeTask(repo.tasksDir, { slug: "tag_bucket", permissions: [READ_TAGS, WRITE_TAGS] });
  writeTask(repo.tasksDir, { slug: "whoami" });
});

afterEach(() => {
  rmSync(repo.root, { recursive: true, force: true });
});

describe("npm run iam (generate)", () => {
  it("writes the files into infra/terraform and says what to do next; a second run changes nothing", () => {
    const first = run("--team-id", TEAM, "--env", "prod");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `infra/terraform: 2 task roles (team ${TEAM}, env prod):\n  created   terraform.tf.json`,
    );
    expect(first.stdout).toContain("terraform -chdir=infra/terraform output airplane_config_vars");
    expect(generated()).toEqual([
      ".gitignore",
      "airplane-oidc-provider.tf.json",
      "outputs.tf.json",
      "task-tag_bucket.tf.json",
      "task-whoami.tf.json",
      "terraform.tf.json",
      "variables.tf.json",
    ]);
    const written = statSync(join(out, "task-whoami.tf.json")).mtimeMs;

    const second = run(`--team-id=${TEAM}`, "--env=prod");
    expect(second.stdout).not.toMatch(/created|updated|removed/);
    expect(statSync(join(out, "task-whoami.tf.json")).mtimeMs).toBe(written);
  });

  it("writes where --out says, relative to the current directory", () => {
    expect(run("--team-id", TEAM, "--env", "prod", "--out", "elsewhere/tf").code).toBe(0);
    expect(existsSync(join(repo.root, "elsewhere", "tf", "task-whoami.tf.json"))).toBe(true);
  });

  it("removes the file of a task that is gone and leaves hand-written files alone, a .gitignore of one's own too", () => {
    writeFileSync(join(repo.root, "ignore-mine"), "");
    run("--team-id", TEAM, "--env", "prod", "--out", "mine");
    writeFileSync(join(repo.root, "mine", ".gitignore"), "*.tfstate\n");
    const mine = run("--team-id", TEAM, "--env", "prod", "--out", "mine");
    expect(mine.stdout).toContain("  kept      .gitignore");
    expect(readFileSync(join(repo.root, "mine", ".gitignore"), "utf8")).toBe("*.tfstate\n");
    expect(run("--check", "--out", "mine").code).toBe(0);

    run("--team-id", TEAM, "--env", "prod");
    writeFileSync(join(out, "backend.tf.json"), '{ "terraform": { "backend": { "s3": {} } } }\n');
    rmSync(join(repo.tasksDir, "whoami"), { recursive: true });

    const { stdout } = run("--team-id", TEAM, "--env", "prod");
    expect(stdout).toContain("  removed   task-whoami.tf.json");
    expect(stdout).toContain("  updated   outputs.tf.json");
    expect(generated()).toContain("backend.tf.json");
    expect(generated()).not.toContain("task-whoami.tf.json");
  });

  it.each([
    [[], ["Say what may assume the roles: Airplane (--team-id <id> --env <slug>), GitHub Actions (--github"]],
    [["--team-id", TEAM], ["Missing --env: the Airplane environment whose runs may assume the roles"]],
    [["--env", "prod"], ['Missing --team-id: your Airplane team ID (an Airplane team ID is "tea" and 18 to 20']],
    [
      ["--team-id", "acme", "--env", "prod"],
      [
        '--team-id: "acme" is not a team ID: an Airplane team ID is "tea" and 18 to 20 lowercase letters or digits, ' +
          "such as tea20010101aaaaaaaaaa (Airplane shows it under Team settings, and every run has it as AIRPLANE_TEAM_ID).",
      ],
    ],
    [["--team-id", TEAM, "--env", "Prod"], ['--env: "Prod" is not an environment slug']],
    [["--team-id", TEAM, "--env"], ["--env needs a value."]],
    [["--team-id", TEAM, "--env", "prod", "--region", "Europe"], ['--region: "Europe" is not an AWS region']],
    [["--team-id", TEAM, "--env", "prod", "--colour", "red"], ["Unknown option --colour. Options: --team-id"]],
    [["--github", "acme"], ['--github: "acme" is not a GitHub repository: a repository is <owner>/<repo>']],
    [["--github-owner-id", "1"], ["--github-owner-id go with --github <owner>/<repo>."]],
    [
      ["--github", "acme/aws-tasks", "--github-owner-id", "1234567"],
      [
        "The immutable subject needs both --github-owner-id and --github-repository-id (gh api " +
          "repos/acme/aws-tasks --jq '.owner.id, .id' prints the owner's ID, then the repository's)",
      ],
    ],
    [
      ["--github", "acme/aws-tasks", "--github-repository-id", "98x"],
      ['--github-repository-id: "98x" is not a repository ID'],
    ],
    [
      ["--github", "acme/aws-tasks", "--github-subject-form", "old"],
      ['--github-subject-form: "old" is not a subject form'],
    ],
    [["--github", "acme/aws-tasks", "--allow-studio"], ["--allow-studio goes with --team-id and --env"]],
    [["--check", "--team-id", TEAM], ["--check takes no --team-id: it reads the settings from the committed"]],
    [["--team-id", TEAM, "--env", "prod", "--allow-studio=yes"], ["--allow-studio takes no value."]],
    [["--team-id", TEAM, "--team-id", TEAM, "--env", "prod"], ["--team-id is given more than once."]],
  ])("refuses %j with a clear message, shows the usage and writes nothing", (args, messages) => {
    const { code, stdout, stderr } = run(...args);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    for (const message of messages) expect(stderr).toContain(message);
    expect(stderr).toContain("Usage:\n  npm run iam -- [--team-id <team id> --env <env slug> [--allow-studio]]");
    expect(existsSync(out)).toBe(false);
  });

  it("writes nothing when a task is not ready, and says what to fix", () => {
    writeTask(repo.tasksDir, { slug: "unmapped", envVars: {} });
    const { code, stderr } = run("--team-id", TEAM, "--env", "prod");
    expect(code).toBe(1);
    expect(stderr).toContain("Task unmapped (tasks/unmapped/unmapped.airplane.js) does not map AWS_ROLE_ARN");
    expect(existsSync(out)).toBe(false);
  });

  it("prints the usage with --help", () => {
    const { code, stdout } = run("--help");
    expect(code).toBe(0);
    expect(stdout).toContain("--allow-studio        Also trust `airplane dev`");
    expect(stdout).toContain("gh api repos/<owner>/<repo> --jq '.owner.id, .id'");
  });
});

describe("npm run iam -- --check", () => {
  it("passes on the files it generated, reading team, env and studio back from them", () => {
    run("--team-id", TEAM, "--env", "staging", "--allow-studio");
    const { code, stdout } = run("--check");
    expect(code).toBe(0);
    expect(stdout).toBe(`infra/terraform is up to date with the tasks (team ${TEAM}, env staging, studio allowed).\n`);
  });

  it("lists the out-of-date, missing and extra files and the command that fixes them", () => {
    run("--team-id", TEAM, "--env", "prod");
    writeTask(repo.tasksDir, { slug: "tag_bucket", permissions: [READ_TAGS] });
    writeTask(repo.tasksDir, { slug: "list_buckets" });
    rmSync(join(repo.tasksDir, "whoami"), { recursive: true });
    const before = readFileSync(join(out, "task-tag_bucket.tf.json"), "utf8");

    const { code, stdout, stderr } = run("--check");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `infra/terraform does not match the tasks (team ${TEAM}, env prod):\n` +
        "  out of date  task-tag_bucket.tf.json\n" +
        "  out of date  outputs.tf.json\n" +
        "  missing      task-list_buckets.tf.json\n" +
        "  extra        task-whoami.tf.json\n" +
        `Regenerate it and commit the result: npm run iam -- --team-id ${TEAM} --env prod\n`,
    );
    expect(readFileSync(join(out, "task-tag_bucket.tf.json"), "utf8")).toBe(before);
  });

  it("keeps --allow-studio and --out in the command it suggests", () => {
    run("--team-id", TEAM, "--env", "prod", "--allow-studio", "--out", "tf");
    writeTask(repo.tasksDir, { slug: "list_buckets" });
    expect(run("--check", "--out", "tf").stderr).toContain(
      `npm run iam -- --team-id ${TEAM} --env prod --allow-studio --out tf\n`,
    );
  });

  it.each([
    [
      ["--github", "acme/aws-tasks", "--github-owner-id", "1234567", "--github-repository-id", "987654321"],
      "GitHub acme/aws-tasks (immutable subjects, owner 1234567, repository 987654321)",
    ],
    [["--github", "acme/aws-tasks"], "GitHub acme/aws-tasks (subjects by name)"],
    [
      ["--github", "acme/aws-tasks", "--github-repository-id", "987654321", "--github-subject-form", "name"],
      "GitHub acme/aws-tasks (subjects by name, repository ID 987654321 pinned)",
    ],
    [
      ["--team-id", TEAM, "--env", "prod", "--github", "Acme/AWS.Tasks", "--region", "eu-west-1"],
      `team ${TEAM}, env prod; GitHub Acme/AWS.Tasks (subjects by name); region eu-west-1`,
    ],
  ])("reads the settings %j back from the files it generated, and suggests them to regenerate", (args, described) => {
    expect(run(...args).code).toBe(0);
    expect(run("--check").stdout).toBe(`infra/terraform is up to date with the tasks (${described}).\n`);
    writeTask(repo.tasksDir, { slug: "list_buckets" });
    expect(run("--check").stderr).toContain(`Regenerate it and commit the result: npm run iam -- ${args.join(" ")}\n`);
  });

  it("says how to generate the files when there are none to check", () => {
    const { code, stderr } = run("--check");
    expect(code).toBe(1);
    expect(stderr).toContain("There is no");
    expect(stderr).toContain("Generate it first: npm run iam -- --team-id <team id> --env <env slug>");
  });
});

describe("npm run iam -- --update", () => {
  it("regenerates for a new task with the team, env and studio setting already committed", () => {
    run("--team-id", TEAM, "--env", "staging", "--allow-studio");
    writeTask(repo.tasksDir, { slug: "list_buckets" });

    const { code, stdout } = run("--update");
    expect(code).toBe(0);
    expect(stdout).toContain(`infra/terraform: 3 task roles (team ${TEAM}, env staging, studio allowed):`);
    expect(stdout).toContain("  created   task-list_buckets.tf.json");
    expect(run("--check").code).toBe(0);
  });

  it("adds airplane dev's trust to the committed settings with --allow-studio, keeping every other one", () => {
    run("--team-id", TEAM, "--env", "prod", "--github", "acme/aws-tasks", "--region", "eu-west-1");
    expect(readFileSync(join(out, "task-whoami.tf.json"), "utf8")).not.toContain("airplane_studio_env_slug");
    const { code, stdout } = run("--update", "--allow-studio");
    expect(code).toBe(0);
    expect(stdout).toContain(
      `(team ${TEAM}, env prod, studio allowed; GitHub acme/aws-tasks (subjects by name); region eu-west-1):`,
    );
    expect(stdout).toContain("  updated   task-whoami.tf.json");
    const role = readFileSync(join(out, "task-whoami.tf.json"), "utf8");
    expect(role).toContain(":env:${var.airplane_studio_env_slug}:task:whoami");
    expect(role).toContain(":environment:task-whoami");
    expect(readFileSync(join(out, "variables.tf.json"), "utf8")).toContain('"eu-west-1"');
    expect(run("--update").stdout).toContain("studio allowed");
  });

  it("refuses --allow-studio where no Airplane team is trusted, writing nothing", () => {
    run("--github", "acme/aws-tasks", "--region", "eu-west-1");
    const before = readFileSync(join(out, "task-whoami.tf.json"), "utf8");
    const { code, stderr } = run("--update", "--allow-studio");
    expect(code).toBe(1);
    expect(stderr).toContain(
      "--allow-studio trusts airplane dev's tokens, but infra/terraform trusts no Airplane team",
    );
    expect(readFileSync(join(out, "task-whoami.tf.json"), "utf8")).toBe(before);
  });

  it("refuses settings of its own, and says how to generate when nothing is committed", () => {
    expect(run("--update", "--env", "prod").stderr).toContain("--update takes no --env");
    expect(run("--update", "--check").stderr).toContain("Give --check or --update, not both.");
    const { code, stderr } = run("--update");
    expect(code).toBe(1);
    expect(stderr).toContain("Generate it first: npm run iam -- --team-id <team id> --env <env slug>");
    expect(existsSync(out)).toBe(false);
  });
});

describe("npm run iam -- --member-roles", () => {
  const chain = {
    why: "Chain into the member accounts' roles.",
    actions: ["sts:AssumeRole", "sts:TagSession"],
    resources: ["arn:aws:iam::*:role/airplane-tag_bucket"],
  };

  it("writes the chaining tasks' member roles into infra/terraform-member, leaving infra/terraform alone", () => {
    writeTask(repo.tasksDir, { slug: "tag_bucket", permissions: [READ_TAGS, chain] });
    const result = run("--member-roles", "--task-account", "111111111111");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("infra/terraform-member: 1 member roles trusting account 111111111111:");
    expect(readdirSync(join(repo.root, "infra", "terraform-member")).sort()).toEqual([
      ".gitignore",
      "member-tag_bucket.tf.json",
      "terraform.tf.json",
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses to write into the task account's folder, where it would remove the task roles", () => {
    writeTask(repo.tasksDir, { slug: "tag_bucket", permissions: [READ_TAGS, chain] });
    const result = run("--member-roles", "--task-account", "111111111111", "--out", "infra/terraform");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("give an --out other than infra/terraform");
  });

  it("says what is missing or misplaced", () => {
    expect(run("--member-roles").stderr).toContain("Missing --task-account");
    expect(run("--member-roles", "--task-account", "111111111111", "--env", "prod").stderr).toContain(
      "--member-roles takes no --env",
    );
    expect(run("--check", "--task-account", "111111111111").stderr).toContain("go with --member-roles only");
  });
});
