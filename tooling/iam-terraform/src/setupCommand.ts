import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatSubject, taskEnvironment } from "@repo/oidc-issuers";
import { type CommandIO, parseCommandArgs, processIO, runCommand, UsageError } from "@repo/cli-kit";
import { findRepoRoot } from "@repo/task-cli";
import { ENV_SLUG_PATTERN, TEAM_ID_PATTERN } from "./airplaneNames";
import { readCommittedSettings } from "./committedSettings";
import { generateTerraform, VARIABLES_FILE } from "./generateTerraform";
import { AWS_REGION_PATTERN, describeSettings, type GeneratorSettings, type GithubSettings } from "./generatorSettings";
import { GITHUB_ID_PATTERN } from "./githubNames";
import { DEFAULT_OUT, iamCommand } from "./iamCommand";
import { recoverNpmTakenOptions } from "./npmTakenOptions";
import { readTaskDescriptions } from "./readTaskDescriptions";
import { SETTINGS_OPTIONS, SETTINGS_USAGE, settingsArgs, settingsFromOptions } from "./settingsOptions";
import type { TaskDescription } from "./taskDescription";
import { compareTerraformFiles, hasDrift, writeTerraformFiles } from "./terraformFiles";

const USAGE = `Usage: npm run setup -- [--team-id <team id> --env <env slug>] [--github <owner>/<repo>
                         [--github-owner-id <id> --github-repository-id <id>]] [--region <aws region>]

Makes this repository yours: regenerates infra/terraform for what may assume the task roles,
Airplane, GitHub Actions or both (what you leave out is not trusted), and rewrites the team, env,
repository and region where the repository names them (README.md, airplane.dev.example.yaml),
then checks the result. Running it again with the same options changes nothing. The local
stand-in reads the settings from infra/terraform, so npm start then plays yours.

${SETTINGS_USAGE}
The region may be left out once infra/terraform has one.
`;

/** Files that name the team, env, repository and region in text: examples a user copies. */
export const NAMING_FILES = ["README.md", "airplane.dev.example.yaml"];

// Which of the values npm left behind is whose, when npm took the options for itself (no --).
const VALUE_TESTS = {
  "team-id": (value: string) => new RegExp(TEAM_ID_PATTERN).test(value),
  env: (value: string) => new RegExp(ENV_SLUG_PATTERN).test(value),
  github: (value: string) => value.includes("/"),
  "github-owner-id": (value: string) => new RegExp(GITHUB_ID_PATTERN).test(value),
  "github-repository-id": (value: string) => new RegExp(GITHUB_ID_PATTERN).test(value),
  "github-subject-form": (value: string) => value === "immutable" || value === "name",
  region: (value: string) => new RegExp(AWS_REGION_PATTERN).test(value),
};

/** The settings the options give; the region, and whether airplane dev is trusted, kept from `before`. */
export function parseSetupArgs(args: string[], before: GeneratorSettings): GeneratorSettings {
  const { values } = parseCommandArgs(args, SETTINGS_OPTIONS);
  // airplane dev's trust is kept as it was: it is a choice about studio runs, not about the team.
  const given = settingsFromOptions(values, values["team-id"] !== undefined && before.airplane?.allowStudio === true);
  const region = given.region ?? before.region;
  if (region === undefined) {
    throw new UsageError(
      "Missing --region: the AWS region of Terraform's provider and of the tasks' AWS_REGION, e.g. us-east-1.",
    );
  }
  return { ...given, region };
}

/**
 * The new text of a file that names the old settings: Airplane token subjects
 * (`team:<id>:env:<env>:task:`) and team IDs, the repository and its subjects, `npm run iam`
 * commands, and the `aws_region` value of airplane.dev.example.yaml. Nothing else changes.
 */
export function renameSettings(text: string, before: GeneratorSettings, after: GeneratorSettings): string {
  let renamed = text;
  if (before.airplane && after.airplane) {
    renamed = renamed
      .replaceAll(subjectPrefix(before.airplane), subjectPrefix(after.airplane))
      .replaceAll(before.airplane.teamId, after.airplane.teamId)
      .replace(
        /--team-id tea[a-z0-9]{18,20} --env [a-z0-9_-]+/g,
        `--team-id ${after.airplane.teamId} --env ${after.airplane.envSlug}`,
      );
  }
  if (before.github && after.github) {
    for (const [from, to] of githubRenames(before.github, after.github)) renamed = renamed.replaceAll(from, to);
  }
  if (after.region) renamed = renamed.replace(/^(\s*aws_region:\s*)\S+/gm, `$1${after.region}`);
  return renamed;
}

/** What every token subject of a team's env starts with, in oidc-issuers' one subject format. */
const subjectPrefix = (airplane: { teamId: string; envSlug: string }): string =>
  formatSubject({ team: airplane.teamId, env: airplane.envSlug, task: "" });

// The repository as its subjects and options write it, most specific first.
function githubRenames(before: GithubSettings, after: GithubSettings): [string, string][] {
  const name = (github: GithubSettings) => `${github.owner}/${github.repository}`;
  const subjectRepo = (github: GithubSettings) =>
    github.subjectForm === "immutable"
      ? `repo:${github.owner}@${github.ownerId}/${github.repository}@${github.repositoryId}`
      : `repo:${name(github)}`;
  const pairs: [string, string][] = [];
  if (before.subjectForm === "immutable") pairs.push([subjectRepo(before), subjectRepo(after)]);
  pairs.push([name(before), name(after)]);
  for (const id of ["ownerId", "repositoryId"] as const) {
    const [from, to] = [idOf(before, id), idOf(after, id)];
    const flag = id === "ownerId" ? "--github-owner-id" : "--github-repository-id";
    if (from !== undefined && to !== undefined) pairs.push([`${flag} ${from}`, `${flag} ${to}`]);
  }
  return pairs;
}

function idOf(github: GithubSettings, id: "ownerId" | "repositoryId"): string | undefined {
  return id === "ownerId" ? (github.subjectForm === "immutable" ? github.ownerId : undefined) : github.repositoryId;
}

/**
 * `npm run setup`: regenerates infra/terraform for the given settings, rewrites the files that
 * name them, and checks the result. Every argument and file is read and checked before anything
 * is written; a second identical run says so and writes nothing. Returns the exit code.
 */
export function setupCommand(
  args: string[],
  io: CommandIO = processIO,
  repoRoot = findRepoRoot(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  return runCommand(io, { usage: USAGE }, () => {
    const recovered = recoverNpmTakenOptions(args, env, VALUE_TESTS, "npm run setup");
    if (recovered.recovered.length > 0) {
      io.stderr.write(
        `npm took ${recovered.recovered.join(", ")} for itself (no -- before the options); read back from npm. ` +
          "Next time write npm run setup -- <options>.\n",
      );
    }
    const outDir = join(repoRoot, DEFAULT_OUT);
    // A folder not generated yet names nothing to rename.
    const before = existsSync(join(outDir, VARIABLES_FILE)) ? readCommittedSettings(outDir, "npm run setup") : {};
    const after = parseSetupArgs(recovered.args, before);
    const tasks = readTaskDescriptions(join(repoRoot, "tasks"), repoRoot);
    const files = generateTerraform(tasks, after);
    const rewrites = NAMING_FILES.filter((file) => existsSync(join(repoRoot, file))).flatMap((file) => {
      const text = readFileSync(join(repoRoot, file), "utf8");
      const renamed = renameSettings(text, before, after);
      return renamed === text ? [] : [{ file, renamed }];
    });

    if (rewrites.length === 0 && !hasDrift(compareTerraformFiles(outDir, files))) {
      io.stdout.write(`Already set up for ${describeSettings(after)}: nothing to change.\n`);
      io.stdout.write(nextSteps(after, tasks));
      return 0;
    }
    writeTerraformFiles(outDir, files);
    for (const { file, renamed } of rewrites) writeFileSync(join(repoRoot, file), renamed);
    io.stdout.write(
      `Set up for ${describeSettings(after)}:\n` +
        `  ${DEFAULT_OUT}  regenerated (npm run iam -- ${settingsArgs(after).join(" ")})\n` +
        rewrites.map(({ file }) => `  ${file}  rewritten\n`).join(""),
    );
    // The check: the Terraform matches the tasks for the new settings, and no file names the old ones.
    if (iamCommand(["--check"], io, { repoRoot }) !== 0) return 1;
    const stale = staleNames(before, after).flatMap((name) =>
      NAMING_FILES.filter(
        (file) => existsSync(join(repoRoot, file)) && readFileSync(join(repoRoot, file), "utf8").includes(name),
      ).map((file) => `${file} still names ${name}`),
    );
    if (stale.length > 0) {
      io.stderr.write(`${stale.join("; ")}: change it by hand.\n`);
      return 1;
    }
    io.stdout.write(nextSteps(after, tasks));
    return 0;
  });
}

/** The old team and repository, when the new settings name others. */
function staleNames(before: GeneratorSettings, after: GeneratorSettings): string[] {
  const names: string[] = [];
  if (before.airplane && after.airplane && before.airplane.teamId !== after.airplane.teamId) {
    names.push(before.airplane.teamId);
  }
  const repository = (github: GithubSettings) => `${github.owner}/${github.repository}`;
  if (before.github && after.github && repository(before.github) !== repository(after.github)) {
    names.push(repository(before.github));
  }
  return names;
}

/** Terraform, then where each platform reads the role ARNs, then the deploy. */
export function nextSteps(settings: GeneratorSettings, tasks: readonly TaskDescription[]): string {
  const terraform = `terraform -chdir=${DEFAULT_OUT}`;
  const lines = [
    "",
    "Next: npm start (the stand-in now plays your settings), then the AWS side:",
    `  ${terraform} init && ${terraform} apply`,
  ];
  if (settings.airplane) {
    lines.push(
      "Airplane: create these config vars in the environment, then deploy:",
      `  ${terraform} output airplane_config_vars`,
      "  airplane deploy tasks",
    );
  }
  const { github, region } = settings;
  if (github) {
    const repo = `${github.owner}/${github.repository}`;
    lines.push(
      "GitHub Actions: create each task's environment and its variables (add protection rules to say who may run it):",
    );
    for (const { slug } of [...tasks].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
      const environment = taskEnvironment(slug);
      lines.push(
        `  gh api --method PUT repos/${repo}/environments/${environment}`,
        `  gh variable set AWS_ROLE_ARN --env ${environment} --repo ${repo} --body "$(${terraform} output -raw ${slug}_role_arn)"`,
        `  gh variable set AWS_REGION --env ${environment} --repo ${repo} --body ${region ?? "<aws region>"}`,
      );
    }
    lines.push(`  (the same values: ${terraform} output github_environment_variables)`);
  }
  return `${lines.join("\n")}\n`;
}
