import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatSubject } from "@repo/oidc-issuers";
import { type CommandIO, parseCommandArgs, processIO, runCommand, UsageError } from "@repo/cli-kit";
import { findRepoRoot } from "@repo/task-cli";
import { envSlugProblem, teamIdProblem } from "./airplaneNames";
import { readCommittedSettings } from "./committedSettings";
import type { GeneratorSettings } from "./generateTerraform";
import { DEFAULT_OUT, iamCommand } from "./iamCommand";

const USAGE = `Usage: npm run setup -- --team-id <team id> --env <env slug> [--region <aws region>]

Makes this repository yours: regenerates infra/terraform for your Airplane team and environment
(npm run iam), and rewrites the team, env and region where the repository names them
(README.md, airplane.dev.example.yaml), then checks the result. The local stand-in reads the
team and env from infra/terraform, so npm start then plays your team.
`;

/** Files that name the team, env and region in text: examples a user copies. */
export const NAMING_FILES = ["README.md", "airplane.dev.example.yaml"];

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

interface SetupArgs extends GeneratorSettings {
  region?: string;
}

export function parseSetupArgs(args: string[]): SetupArgs {
  const { values } = parseCommandArgs(args, {
    "team-id": { type: "string" },
    env: { type: "string" },
    region: { type: "string" },
  });
  const teamId = values["team-id"];
  const envSlug = values.env;
  const problems = [
    teamId === undefined ? "Missing --team-id: your Airplane team ID, from Team settings." : teamIdProblem(teamId),
    envSlug === undefined
      ? "Missing --env: the slug of your Airplane environment, e.g. prod."
      : envSlugProblem(envSlug),
    values.region !== undefined && !REGION.test(values.region)
      ? `"${values.region}" is not an AWS region name such as us-east-1 or eu-west-1.`
      : undefined,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0 || teamId === undefined || envSlug === undefined) throw new UsageError(problems.join("\n"));
  return { teamId, envSlug, allowStudio: false, ...(values.region ? { region: values.region } : {}) };
}

/**
 * The new text of a file that names the old team and env: Airplane token subjects
 * (`team:<id>:env:<env>:task:`), `npm run iam` commands, and the `aws_region` value of
 * airplane.dev.example.yaml. Nothing else changes.
 */
export function renameSettings(text: string, before: GeneratorSettings, after: SetupArgs): string {
  let renamed = text
    .replaceAll(subjectPrefix(before.teamId, before.envSlug), subjectPrefix(after.teamId, after.envSlug))
    .replaceAll(before.teamId, after.teamId)
    .replace(/--team-id tea[a-z0-9]{18,20} --env [a-z0-9_-]+/g, `--team-id ${after.teamId} --env ${after.envSlug}`);
  if (after.region) renamed = renamed.replace(/^(\s*aws_region:\s*)\S+/gm, `$1${after.region}`);
  return renamed;
}

/** What every token subject of a team's env starts with, in airplane-oidc's one subject format. */
const subjectPrefix = (team: string, env: string): string => formatSubject({ team, env, task: "" });

/**
 * `npm run setup`: regenerates infra/terraform for the given team and env, rewrites the files
 * that name them, and checks the result. Every argument and file is read and checked before
 * anything is written. Returns the exit code.
 */
export function setupCommand(args: string[], io: CommandIO = processIO, repoRoot = findRepoRoot()): number {
  return runCommand(io, { usage: USAGE }, () => {
    const parsed = parseSetupArgs(args);
    const before = readCommittedSettings(join(repoRoot, DEFAULT_OUT), "npm run iam -- --team-id <id> --env <slug>");
    // `airplane dev` trust is kept as it was: it is a choice about studio runs, not about the team.
    const after = { ...parsed, allowStudio: before.allowStudio };
    const rewrites = NAMING_FILES.filter((file) => existsSync(join(repoRoot, file))).flatMap((file) => {
      const text = readFileSync(join(repoRoot, file), "utf8");
      const renamed = renameSettings(text, before, after);
      return renamed === text ? [] : [{ file, renamed }];
    });

    const quiet = { stdout: { write: () => true }, stderr: io.stderr };
    const iamArgs = [
      "--team-id",
      after.teamId,
      "--env",
      after.envSlug,
      ...(after.allowStudio ? ["--allow-studio"] : []),
    ];
    if (iamCommand(iamArgs, quiet, { repoRoot }) !== 0) return 1;
    for (const { file, renamed } of rewrites) writeFileSync(join(repoRoot, file), renamed);

    io.stdout.write(
      `Set up for team ${after.teamId}, env ${after.envSlug}${after.region ? `, region ${after.region}` : ""}:\n` +
        `  ${DEFAULT_OUT}  regenerated (npm run iam)\n` +
        rewrites.map(({ file }) => `  ${file}  rewritten\n`).join("") +
        (after.region && !rewrites.some(({ renamed }) => /^\s*aws_region:/m.test(renamed))
          ? `  --region: no file here names aws_region yet; set the config var aws_region to ${after.region} in Airplane\n`
          : ""),
    );
    // The check: the Terraform matches the tasks for the new settings, and no file names the old team.
    if (iamCommand(["--check"], io, { repoRoot }) !== 0) return 1;
    const stale = NAMING_FILES.filter(
      (file) =>
        before.teamId !== after.teamId &&
        existsSync(join(repoRoot, file)) &&
        readFileSync(join(repoRoot, file), "utf8").includes(before.teamId),
    );
    if (stale.length > 0) {
      io.stderr.write(`${stale.join(", ")} still name the team ${before.teamId}: change them by hand.\n`);
      return 1;
    }
    io.stdout.write(
      "\nNext: npm start (the stand-in now issues your team's tokens), then the AWS side and the deploy:\n" +
        `  terraform -chdir=${DEFAULT_OUT} init && terraform -chdir=${DEFAULT_OUT} apply\n` +
        `  terraform -chdir=${DEFAULT_OUT} output airplane_config_vars   (create these config vars in Airplane)\n` +
        "  airplane deploy\n",
    );
    return 0;
  });
}
