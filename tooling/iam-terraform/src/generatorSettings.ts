import { STUDIO_ENV_SLUG } from "@repo/oidc-issuers";
import { envSlugProblem, teamIdProblem } from "./airplaneNames";
import {
  githubIdProblem,
  GITHUB_OWNER_PATTERN,
  GITHUB_REPOSITORY_PATTERN,
  GITHUB_REPOSITORY_RULE,
} from "./githubNames";

export interface AirplaneSettings {
  /** Default of `var.airplane_team_id`. */
  teamId: string;
  /** Default of `var.airplane_env_slug`. */
  envSlug: string;
  /** Also trust the tokens of `airplane dev`, whose subject says `env:studio`. */
  allowStudio: boolean;
}

/** Whether the roles admit airplane dev's subject beside the environment's (an env of studio already is it). */
export function trustsStudio(airplane: AirplaneSettings): boolean {
  return airplane.allowStudio && airplane.envSlug !== STUDIO_ENV_SLUG;
}

/**
 * The repository whose jobs may assume the roles, and how its tokens write `sub`: immutable
 * (`repo:acme@1234567/aws-tasks@987654321:…`, GitHub's default for repositories created or renamed
 * on or after 15 July 2026) or by name (`repo:acme/aws-tasks:…`, older repositories that have not
 * opted in), then pinned by the repository's ID as a key of its own when it is known.
 */
export type GithubSettings = { owner: string; repository: string } & (
  { subjectForm: "immutable"; ownerId: string; repositoryId: string } | { subjectForm: "name"; repositoryId?: string }
);

/** What `npm run iam` generates for: Airplane, GitHub Actions, or both, and the AWS region. */
export interface GeneratorSettings {
  airplane?: AirplaneSettings;
  github?: GithubSettings;
  /** Default of `var.aws_region`: the AWS provider's region and the tasks' AWS_REGION. */
  region?: string;
}

export const AWS_REGION_PATTERN = "^[a-z]{2}(-[a-z]+)+-[0-9]+$";
export const AWS_REGION_RULE = "an AWS region name is such as us-east-1 or eu-west-1";

/** Every problem with the settings, each saying what to write instead. */
export function settingsProblems(settings: GeneratorSettings): string[] {
  const { airplane, github, region } = settings;
  const problems = [
    airplane && teamIdProblem(airplane.teamId),
    airplane && envSlugProblem(airplane.envSlug),
    ...(github ? githubProblems(github) : []),
    region !== undefined && !new RegExp(AWS_REGION_PATTERN).test(region)
      ? `"${region}" is not an AWS region: ${AWS_REGION_RULE}.`
      : undefined,
    !airplane && !github
      ? "Nothing would trust the roles: set up Airplane (--team-id and --env), GitHub Actions (--github), or both."
      : undefined,
  ];
  return problems.filter((problem) => typeof problem === "string");
}

function githubProblems(github: GithubSettings): (string | undefined)[] {
  const name = `${github.owner}/${github.repository}`;
  const valid =
    new RegExp(GITHUB_OWNER_PATTERN).test(github.owner) &&
    new RegExp(GITHUB_REPOSITORY_PATTERN).test(github.repository);
  return [
    valid ? undefined : `"${name}" is not a GitHub repository: ${GITHUB_REPOSITORY_RULE}.`,
    github.subjectForm === "immutable" ? githubIdProblem("the owner's ID", github.ownerId) : undefined,
    github.repositoryId === undefined ? undefined : githubIdProblem("the repository's ID", github.repositoryId),
  ];
}

/** The settings in a few words, for messages: `team tea…, env prod; GitHub acme/aws-tasks (immutable subjects)`. */
export function describeSettings({ airplane, github, region }: GeneratorSettings): string {
  const parts = [
    airplane && `team ${airplane.teamId}, env ${airplane.envSlug}${airplane.allowStudio ? ", studio allowed" : ""}`,
    github && `GitHub ${github.owner}/${github.repository} (${describeSubjectForm(github)})`,
    region && `region ${region}`,
  ];
  return parts.filter(Boolean).join("; ");
}

function describeSubjectForm(github: GithubSettings): string {
  if (github.subjectForm === "immutable")
    return `immutable subjects, owner ${github.ownerId}, repository ${github.repositoryId}`;
  return github.repositoryId === undefined
    ? "subjects by name"
    : `subjects by name, repository ID ${github.repositoryId} pinned`;
}
