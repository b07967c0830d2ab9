import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCaptured } from "@repo/cli-test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { iamCommand, setupCommand } from "../src/index";
import { fixtureRepo, writeTask } from "./fixtureTasks";

const OLD_TEAM = "tea20010101aaaaaaaaaa";
const NEW_TEAM = "tea20240517xyzxyzxyzx";
const GITHUB = ["--github", "acme/aws-tasks", "--github-owner-id", "1234567", "--github-repository-id", "987654321"];
let repo: ReturnType<typeof fixtureRepo>;

function setup(args: string[], env: Record<string, string> = {}) {
  return runCaptured((io) => setupCommand(args, io, repo.root, env));
}

const read = (file: string) => readFileSync(join(repo.root, file), "utf8");
const terraformFiles = () =>
  readdirSync(join(repo.root, "infra", "terraform"))
    .sort()
    .map((file) => [file, read(`infra/terraform/${file}`)]);
const variables = () =>
  (JSON.parse(read("infra/terraform/variables.tf.json")) as { variable: Record<string, { default: unknown }> })
    .variable;

beforeEach(() => {
  repo = fixtureRepo();
  writeTask(repo.tasksDir, { slug: "whoami" });
  writeTask(repo.tasksDir, { slug: "tag_bucket" });
  runCaptured((io) =>
    iamCommand(["--team-id", OLD_TEAM, "--env", "prod", "--allow-studio", ...GITHUB, "--region", "us-east-1"], io, {
      repoRoot: repo.root,
    }),
  );
  writeFileSync(
    join(repo.root, "README.md"),
    `sub team:${OLD_TEAM}:env:prod:task:whoami\nnpm run iam -- --team-id tea20230101abcdefghij --env prod\n` +
      "Run it in prod first.\nsub repo:acme@1234567/aws-tasks@987654321:environment:task-whoami\n" +
      "gh variable set AWS_REGION --repo acme/aws-tasks\n",
  );
  writeFileSync(join(repo.root, "airplane.dev.example.yaml"), "configVars:\n  aws_region: us-east-1\n");
});

afterEach(() => {
  rmSync(repo.root, { recursive: true, force: true });
});

describe("npm run setup", () => {
  it("regenerates the Terraform and rewrites the team, env, repository and region where they are named", () => {
    const { code, stdout, stderr } = setup([
      "--team-id",
      NEW_TEAM,
      "--env",
      "staging",
      "--github",
      "octo/tasks",
      "--github-owner-id",
      "42",
      "--github-repository-id",
      "4242",
      "--region",
      "eu-west-1",
    ]);

    expect(stderr).toBe("");
    expect(code).toBe(0);
    const settings = `team ${NEW_TEAM}, env staging, studio allowed; GitHub octo/tasks (immutable subjects, owner 42, repository 4242); region eu-west-1`;
    expect(stdout).toContain(`Set up for ${settings}:`);
    expect(stdout).toContain(`infra/terraform is up to date with the tasks (${settings}).`);
    expect(variables()).toMatchObject({
      airplane_team_id: { default: NEW_TEAM },
      airplane_env_slug: { default: "staging" },
      github_owner: { default: "octo" },
      github_repository: { default: "tasks" },
      github_owner_id: { default: "42" },
      github_repository_id: { default: "4242" },
      aws_region: { default: "eu-west-1" },
    });
    expect(read("README.md")).toBe(
      `sub team:${NEW_TEAM}:env:staging:task:whoami\nnpm run iam -- --team-id ${NEW_TEAM} --env staging\n` +
        "Run it in prod first.\nsub repo:octo@42/tasks@4242:environment:task-whoami\n" +
        "gh variable set AWS_REGION --repo octo/tasks\n",
    );
    expect(read("airplane.dev.example.yaml")).toBe("configVars:\n  aws_region: eu-west-1\n");
  });

  it("says what to do next: Terraform, Airplane's config vars and deploy, each GitHub environment's variables", () => {
    const { stdout } = setup(["--team-id", OLD_TEAM, "--env", "prod", ...GITHUB, "--region", "eu-west-1"]);
    expect(stdout).toContain("  terraform -chdir=infra/terraform init && terraform -chdir=infra/terraform apply\n");
    expect(stdout).toContain(
      "  terraform -chdir=infra/terraform output airplane_config_vars\n  airplane deploy tasks\n",
    );
    expect(stdout).not.toMatch(/airplane deploy\n/);
    for (const slug of ["tag_bucket", "whoami"]) {
      expect(stdout).toContain(
        `  gh api --method PUT repos/acme/aws-tasks/environments/task-${slug}\n` +
          `  gh variable set AWS_ROLE_ARN --env task-${slug} --repo acme/aws-tasks --body ` +
          `"$(terraform -chdir=infra/terraform output -raw ${slug}_role_arn)"\n` +
          `  gh variable set AWS_REGION --env task-${slug} --repo acme/aws-tasks --body eu-west-1\n`,
      );
    }
  });

  it("run again with the same options, says what is already set and changes nothing", () => {
    const args = ["--team-id", NEW_TEAM, "--env", "staging", ...GITHUB, "--region", "eu-west-1"];
    expect(setup(args).code).toBe(0);
    const files = terraformFiles();
    const written = statSync(join(repo.root, "infra", "terraform", "variables.tf.json")).mtimeMs;
    const readme = read("README.md");

    const again = setup(args);
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      new RegExp(
        `^Already set up for team ${NEW_TEAM}, env staging, studio allowed; GitHub acme/aws-tasks .*region eu-west-1: nothing to change\\.\\n`,
      ),
    );
    expect(again.stdout).not.toContain("aws_region yet");
    expect(again.stdout).toContain("airplane deploy tasks");
    expect(terraformFiles()).toEqual(files);
    expect(statSync(join(repo.root, "infra", "terraform", "variables.tf.json")).mtimeMs).toBe(written);
    expect(read("README.md")).toBe(readme);
  });

  it("keeps the committed region when none is given, and asks for one when there is none", () => {
    expect(setup(["--team-id", NEW_TEAM, "--env", "prod", ...GITHUB]).code).toBe(0);
    expect(variables().aws_region?.default).toBe("us-east-1");

    runCaptured((io) => iamCommand(["--team-id", OLD_TEAM, "--env", "prod"], io, { repoRoot: repo.root }));
    const { code, stderr } = setup(["--team-id", NEW_TEAM, "--env", "prod"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Missing --region: the AWS region of Terraform's provider and of the tasks' AWS_REGION/);
  });

  it("trusts only what it is given: GitHub alone drops Airplane's provider and statements", () => {
    const { code, stdout } = setup([...GITHUB]);
    expect(code).toBe(0);
    expect(existsSync(join(repo.root, "infra", "terraform", "airplane-oidc-provider.tf.json"))).toBe(false);
    expect(read("infra/terraform/task-whoami.tf.json")).not.toContain("api.airplane.dev");
    expect(stdout).not.toContain("airplane_config_vars");
    expect(stdout).toContain("gh variable set AWS_ROLE_ARN --env task-whoami");
  });

  it("takes back the options npm took for itself when -- is left out (npm run setup --region eu-west-1)", () => {
    const { code, stderr } = setup(["eu-west-1", NEW_TEAM, "prod"], {
      npm_config_region: "true",
      npm_config_team_id: "true",
      npm_config_env: "true",
    });
    expect(stderr).toBe(
      "npm took --team-id, --env, --region for itself (no -- before the options); read back from npm. " +
        "Next time write npm run setup -- <options>.\n",
    );
    expect(code).toBe(0);
    expect(variables()).toMatchObject({
      aws_region: { default: "eu-west-1" },
      airplane_team_id: { default: NEW_TEAM },
    });

    expect(setup(["--team-id", OLD_TEAM, "--env", "prod"], { npm_config_region: "ap-south-1" }).code).toBe(0);
    expect(variables().aws_region?.default).toBe("ap-south-1");
  });

  it("says how to write the command when which value npm left behind is whose cannot be told", () => {
    const files = terraformFiles();
    const { code, stderr } = setup(["eu-west-1", "us-east-2"], {
      npm_config_region: "true",
      npm_config_env: "true",
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'npm took --env, --region for itself, as there is no -- before the options, and which of ["eu-west-1","us-east-2"] ' +
        "goes with which cannot be told. Write: npm run setup -- --env <value> --region <value>",
    );
    expect(terraformFiles()).toEqual(files);
  });

  it.each([
    [["--env", "prod"], /Missing --team-id/],
    [
      ["--team-id", "team1", "--env", "prod"],
      /"team1" is not a team ID: .*such as tea20010101aaaaaaaaaa \(Airplane shows it under Team settings, and every run has it as AIRPLANE_TEAM_ID\)/,
    ],
    [["--team-id", NEW_TEAM, "--env", "prod", "--region", "Europe"], /"Europe" is not an AWS region/],
    [
      ["--github", "acme/aws-tasks", "--github-owner-id", "1"],
      /gh api repos\/acme\/aws-tasks --jq '\.owner\.id, \.id'/,
    ],
    [
      ["--team-id", NEW_TEAM, "--env", "prod", "--colour", "red"],
      /^Unknown option --colour\. Options: --team-id, --env, --github, --github-owner-id, --github-repository-id, --github-subject-form, --region, --help\./,
    ],
  ])("refuses %j, writing nothing", (args, message) => {
    const files = terraformFiles();
    const { code, stderr } = setup(args);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Usage: npm run setup -- [--team-id <team id> --env <env slug>] [--github <owner>/<repo>");
    expect(terraformFiles()).toEqual(files);
    expect(read("README.md")).toContain(OLD_TEAM);
  });
});
