import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { type CommandIO, processIO, runCommand } from "@repo/cli-kit";
import { findRepoRoot } from "@repo/task-cli";
import { readCommittedSettings } from "./committedSettings";
import { chainingTasks, generateMemberRoles } from "./generateMemberRoles";
import { generateTerraform } from "./generateTerraform";
import { describeSettings, type GeneratorSettings } from "./generatorSettings";
import { IamInputError } from "./iamInputError";
import { parseIamArgs } from "./parseIamArgs";
import { SETTINGS_USAGE, settingsArgs } from "./settingsOptions";
import { readTaskDescriptions } from "./readTaskDescriptions";
import { compareTerraformFiles, hasDrift, writeTerraformFiles } from "./terraformFiles";

export interface IamCommandOptions {
  /**
   * Default: the repository of the current directory (where \`npm run iam\` runs), not of this file,
   * so that a copy of the repository sharing this one's node_modules writes its own files.
   */
  repoRoot?: string;
  /** Default: `tasks/` at the repository root. */
  tasksDir?: string;
  /** What a relative `--out` is relative to. Default: the current directory. */
  cwd?: string;
}

export const DEFAULT_OUT = "infra/terraform";
export const DEFAULT_MEMBER_OUT = "infra/terraform-member";

const USAGE = `Usage:
  npm run iam -- [--team-id <team id> --env <env slug> [--allow-studio]] [--github <owner>/<repo>
                 [--github-owner-id <id> --github-repository-id <id>]] [--region <aws region>] [--out <dir>]
  npm run iam -- --check [--out <dir>]
  npm run iam -- --update [--allow-studio] [--out <dir>]
  npm run iam -- --member-roles --task-account <account id> [--external-id <value>] [--out <dir>]

Writes the AWS side of this repository's tasks as Terraform JSON into <dir> (default
${DEFAULT_OUT}): the OIDC provider of Airplane, of GitHub Actions, or both, and, per task, a role
only that task's ID tokens may assume, allowed what the task's aws-permissions.json lists.

${SETTINGS_USAGE}  --allow-studio        Also trust \`airplane dev\` (its tokens say env studio), for local development.
  --out <dir>           Where the files go. Default: ${DEFAULT_OUT} at the repository root.
  --check               Write nothing; fail if <dir> differs from what the tasks produce (for CI).
  --update              Regenerate with the settings <dir> already has (after adding a task); with
                        --allow-studio, also trust \`airplane dev\` from then on.
  --member-roles        Instead, write the member-account side of chaining into <dir> (default
                        ${DEFAULT_MEMBER_OUT}): for each task whose aws-permissions.json allows sts:AssumeRole,
                        a role airplane-<slug> that only arn:aws:iam::<task account>:role/airplane-<slug> may
                        assume (sts:AssumeRole and sts:TagSession), allowed what the task's aws-permissions.json
                        lists. Apply it in each member account.
  --task-account        The 12-digit ID of the account the task roles live in.
  --external-id         Also require this sts:ExternalId; pass the same value as externalId to fromChainedRole.
`;

/**
 * `npm run iam`: generates the Terraform from the tasks, or with `--check` verifies the committed
 * files are what the tasks produce. Returns the exit code: 0, or 1 with a message on stderr.
 * Arguments are checked before anything is read, and all files are generated in memory before
 * any is written, so a failure writes nothing.
 */
export function iamCommand(args: string[], io: CommandIO = processIO, options: IamCommandOptions = {}): number {
  return runCommand(io, { usage: USAGE }, () => {
    const parsed = parseIamArgs(args);
    const repoRoot = options.repoRoot ?? findRepoRoot(options.cwd ?? process.cwd());
    const tasksDir = options.tasksDir ?? join(repoRoot, "tasks");
    const defaultOut = parsed.mode === "member" ? DEFAULT_MEMBER_OUT : DEFAULT_OUT;
    const outDir =
      parsed.out === undefined ? join(repoRoot, defaultOut) : resolve(options.cwd ?? process.cwd(), parsed.out);
    const shownOut = shownPath(repoRoot, outDir);
    const fixCommand = (settings?: GeneratorSettings) => generateCommand(settings, shownOut);
    if (parsed.mode === "check") {
      const settings = readCommittedSettings(outDir, fixCommand());
      const files = generateTerraform(readTaskDescriptions(tasksDir, repoRoot), settings);
      const drift = compareTerraformFiles(outDir, files);
      if (!hasDrift(drift)) {
        io.stdout.write(`${shownOut} is up to date with the tasks (${describeSettings(settings)}).\n`);
        return 0;
      }
      const rows = [
        ...drift.outdated.map((name) => `  out of date  ${name}`),
        ...drift.missing.map((name) => `  missing      ${name}`),
        ...drift.extra.map((name) => `  extra        ${name}`),
      ];
      io.stderr.write(
        `${shownOut} does not match the tasks (${describeSettings(settings)}):\n${rows.join("\n")}\n` +
          `Regenerate it and commit the result: ${fixCommand(settings)}\n`,
      );
      return 1;
    }
    if (parsed.mode === "member") {
      // Writing removes the generated files it does not produce: in the task account's folder, its roles.
      if (outDir === join(repoRoot, DEFAULT_OUT)) {
        throw new IamInputError(
          `--member-roles writes another account's roles: give an --out other than ${DEFAULT_OUT}.`,
        );
      }
      const tasks = readTaskDescriptions(tasksDir, repoRoot);
      const files = generateMemberRoles(tasks, parsed.settings);
      const rows = [...writeTerraformFiles(outDir, files)].map(([name, change]) => `  ${change.padEnd(9)} ${name}`);
      io.stdout.write(
        `${shownOut}: ${chainingTasks(tasks).length} member roles trusting account ${parsed.settings.taskAccountId}:\n` +
          `${rows.join("\n")}\n\nNext, with credentials for each member account: ` +
          `terraform -chdir=${shownOut} init && terraform -chdir=${shownOut} apply\n`,
      );
      return 0;
    }
    const settings =
      parsed.mode === "update"
        ? updatedSettings(readCommittedSettings(outDir, fixCommand()), parsed.allowStudio)
        : parsed.settings;
    const tasks = readTaskDescriptions(tasksDir, repoRoot);
    const changes = writeTerraformFiles(outDir, generateTerraform(tasks, settings));
    const rows = [...changes].map(([name, change]) => `  ${change.padEnd(9)} ${name}`);
    io.stdout.write(
      `${shownOut}: ${tasks.length} task roles (${describeSettings(settings)}):\n${rows.join("\n")}\n\n` +
        `Next: terraform -chdir=${shownOut} init && terraform -chdir=${shownOut} apply\n` +
        (settings.airplane
          ? `Then create these config vars in Airplane: terraform -chdir=${shownOut} output airplane_config_vars\n`
          : "") +
        (settings.github
          ? `Then set each task's GitHub environment variables: terraform -chdir=${shownOut} output github_environment_variables\n`
          : ""),
    );
    return 0;
  });
}

function updatedSettings(committed: GeneratorSettings, allowStudio: boolean): GeneratorSettings {
  if (!allowStudio) return committed;
  if (!committed.airplane) {
    throw new IamInputError(
      "--allow-studio trusts airplane dev's tokens, but infra/terraform trusts no Airplane team: add one with " +
        "npm run setup, giving --team-id <team id> --env <env slug> beside the settings you use.",
    );
  }
  return { ...committed, airplane: { ...committed.airplane, allowStudio: true } };
}

// Relative to the repository root, where npm run runs commands; absolute when outside it.
function shownPath(repoRoot: string, path: string): string {
  const fromRoot = relative(repoRoot, path);
  if (fromRoot.startsWith("..") || isAbsolute(fromRoot)) return path;
  return fromRoot.split(sep).join("/") || ".";
}

function generateCommand(settings: GeneratorSettings | undefined, shownOut: string): string {
  const given = settings ? settingsArgs(settings).join(" ") : "--team-id <team id> --env <env slug>";
  const out = shownOut === DEFAULT_OUT ? "" : ` --out ${shownOut}`;
  return `npm run iam -- ${given}${out}`;
}
