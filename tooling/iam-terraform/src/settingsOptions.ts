import { UsageError } from "@repo/cli-kit";
import { ENV_SLUG_RULE, envSlugProblem, TEAM_ID_RULE, teamIdProblem } from "./airplaneNames";
import { AWS_REGION_PATTERN, AWS_REGION_RULE, type GeneratorSettings, type GithubSettings } from "./generatorSettings";
import { githubIdProblem, githubIdsHint, GITHUB_REPOSITORY_RULE, parseRepository } from "./githubNames";

/** The options that say what the roles trust, shared by `npm run iam` and `npm run setup`. */
export const SETTINGS_OPTIONS = {
  "team-id": { type: "string" },
  env: { type: "string" },
  github: { type: "string" },
  "github-owner-id": { type: "string" },
  "github-repository-id": { type: "string" },
  "github-subject-form": { type: "string" },
  region: { type: "string" },
} as const;

export type SettingsOptionValues = { [K in keyof typeof SETTINGS_OPTIONS]?: string | undefined };

export const SETTINGS_USAGE = `  --team-id <id>        Airplane: your team ID, "tea" and 18 to 20 lowercase letters or digits, such as
                        tea20010101aaaaaaaaaa (Team settings in Airplane; every run has it as AIRPLANE_TEAM_ID).
  --env <slug>          Airplane: the environment whose runs may assume the roles, e.g. prod.
  --github <owner>/<repo>
                        GitHub Actions: the repository whose jobs may assume the roles, each task's in its
                        environment task-<slug>. Written as GitHub writes it: IAM compares sub case-sensitively.
  --github-owner-id <id>, --github-repository-id <id>
                        The numeric IDs of the immutable subject, repo:<owner>@<id>/<repo>@<id>:… (GitHub's
                        default for repositories created or renamed on or after 15 July 2026):
                        ${githubIdsHint()}.
                        Without them the roles trust the subject by name, repo:<owner>/<repo>:….
  --github-subject-form name
                        For a repository whose tokens still write the subject by name although its IDs are
                        given: the roles then also pin the repository's ID as a condition of its own.
  --region <region>     The AWS region: Terraform's provider, and the tasks' AWS_REGION (e.g. eu-west-1).
`;

/**
 * The settings the options describe; every problem is reported at once, naming its option, before
 * anything is read or written.
 */
export function settingsFromOptions(values: SettingsOptionValues, allowStudio: boolean): GeneratorSettings {
  const problems: string[] = [];
  const airplane = airplaneFromOptions(values, allowStudio, problems);
  const github = githubFromOptions(values, problems);
  const { region } = values;
  if (region !== undefined && !new RegExp(AWS_REGION_PATTERN).test(region)) {
    problems.push(`--region: "${region}" is not an AWS region: ${AWS_REGION_RULE}.`);
  }
  if (problems.length === 0 && !airplane && !github) {
    problems.push(
      "Say what may assume the roles: Airplane (--team-id <id> --env <slug>), GitHub Actions " +
        "(--github <owner>/<repo>), or both.",
    );
  }
  if (problems.length > 0) throw new UsageError(problems.join("\n"));
  return { ...(airplane && { airplane }), ...(github && { github }), ...(region !== undefined && { region }) };
}

function airplaneFromOptions(values: SettingsOptionValues, allowStudio: boolean, problems: string[]) {
  const { "team-id": teamId, env: envSlug } = values;
  if (teamId === undefined && envSlug === undefined) {
    if (allowStudio) problems.push("--allow-studio goes with --team-id and --env: it is about Airplane's tokens.");
    return undefined;
  }
  const found = [
    teamId === undefined
      ? `Missing --team-id: your Airplane team ID (${TEAM_ID_RULE}).`
      : prefixed("--team-id", teamIdProblem(teamId)),
    envSlug === undefined
      ? `Missing --env: the Airplane environment whose runs may assume the roles (${ENV_SLUG_RULE}).`
      : prefixed("--env", envSlugProblem(envSlug)),
  ].filter((problem) => problem !== undefined);
  problems.push(...found);
  return found.length === 0 && teamId !== undefined && envSlug !== undefined
    ? { teamId, envSlug, allowStudio }
    : undefined;
}

function githubFromOptions(values: SettingsOptionValues, problems: string[]): GithubSettings | undefined {
  const {
    github: given,
    "github-owner-id": ownerId,
    "github-repository-id": repositoryId,
    "github-subject-form": form,
  } = values;
  if (given === undefined) {
    const stray = (["github-owner-id", "github-repository-id", "github-subject-form"] as const).filter(
      (name) => values[name] !== undefined,
    );
    if (stray.length > 0)
      problems.push(`${stray.map((name) => `--${name}`).join(" and ")} go with --github <owner>/<repo>.`);
    return undefined;
  }
  const before = problems.length;
  const repository = parseRepository(given);
  if (!repository) problems.push(`--github: "${given}" is not a GitHub repository: ${GITHUB_REPOSITORY_RULE}.`);
  const ownerProblem = ownerId === undefined ? undefined : githubIdProblem("an owner ID", ownerId);
  const repositoryProblem = repositoryId === undefined ? undefined : githubIdProblem("a repository ID", repositoryId);
  problems.push(
    ...[prefixed("--github-owner-id", ownerProblem), prefixed("--github-repository-id", repositoryProblem)].filter(
      (problem) => problem !== undefined,
    ),
  );
  if (form !== undefined && form !== "immutable" && form !== "name") {
    problems.push(`--github-subject-form: "${form}" is not a subject form: immutable or name.`);
  }
  const subjectForm = form ?? (ownerId !== undefined || repositoryId !== undefined ? "immutable" : "name");
  if (subjectForm === "immutable" && (ownerId === undefined || repositoryId === undefined)) {
    problems.push(
      "The immutable subject needs both --github-owner-id and --github-repository-id " +
        `(${githubIdsHint(given)}); or give --github-subject-form name for a repository whose tokens write it by name.`,
    );
  }
  if (problems.length > before || !repository) return undefined;
  if (subjectForm === "immutable") {
    return { ...repository, subjectForm, ownerId: ownerId as string, repositoryId: repositoryId as string };
  }
  return { ...repository, subjectForm: "name", ...(repositoryId !== undefined && { repositoryId }) };
}

function prefixed(option: string, problem: string | undefined): string | undefined {
  return problem === undefined ? undefined : `${option}: ${problem}`;
}

/** The options that give these settings: the inverse of `settingsFromOptions` (with --allow-studio). */
export function settingsArgs({ airplane, github, region }: GeneratorSettings): string[] {
  return [
    ...(airplane
      ? ["--team-id", airplane.teamId, "--env", airplane.envSlug, ...(airplane.allowStudio ? ["--allow-studio"] : [])]
      : []),
    ...(github
      ? [
          "--github",
          `${github.owner}/${github.repository}`,
          ...(github.subjectForm === "immutable" ? ["--github-owner-id", github.ownerId] : []),
          ...(github.repositoryId !== undefined ? ["--github-repository-id", github.repositoryId] : []),
          ...(github.subjectForm === "name" && github.repositoryId !== undefined
            ? ["--github-subject-form", "name"]
            : []),
        ]
      : []),
    ...(region !== undefined ? ["--region", region] : []),
  ];
}
