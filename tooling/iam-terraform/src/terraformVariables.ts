import { STUDIO_ENV_SLUG } from "@repo/oidc-issuers";
import { ENV_SLUG_PATTERN, ENV_SLUG_RULE, TEAM_ID_PATTERN, TEAM_ID_RULE } from "./airplaneNames";
import {
  AWS_REGION_PATTERN,
  AWS_REGION_RULE,
  type GeneratorSettings,
  type GithubSettings,
  trustsStudio,
} from "./generatorSettings";
import { GITHUB_ID_PATTERN, GITHUB_ID_RULE, GITHUB_OWNER_PATTERN, GITHUB_REPOSITORY_PATTERN } from "./githubNames";
import { COMMENT, interpolate, type JsonObject } from "./terraformJson";

/** The string variables the roles read, each declared only where the settings use it. */
export type VariableName =
  | "aws_region"
  | "airplane_team_id"
  | "airplane_env_slug"
  | "airplane_studio_env_slug"
  | "github_owner"
  | "github_repository"
  | "github_owner_id"
  | "github_repository_id";

interface VariableSpec {
  description: string;
  pattern: string;
  rule: string;
}

const VARIABLES: Record<Exclude<VariableName, "aws_region">, VariableSpec> = {
  airplane_team_id: {
    description: "Your Airplane team ID (Team settings): the team part of every task's token subject.",
    pattern: TEAM_ID_PATTERN,
    rule: TEAM_ID_RULE,
  },
  airplane_env_slug: {
    description: "The slug of the Airplane environment whose task runs may assume the roles, e.g. prod.",
    pattern: ENV_SLUG_PATTERN,
    rule: ENV_SLUG_RULE,
  },
  airplane_studio_env_slug: {
    description:
      "The environment of airplane dev's tokens (studio), whose runs may also assume the roles: declared because " +
      "npm run iam was given --allow-studio.",
    pattern: ENV_SLUG_PATTERN,
    rule: ENV_SLUG_RULE,
  },
  github_owner: {
    description: "The GitHub user or organization that owns the repository, as GitHub writes it (case matters).",
    pattern: GITHUB_OWNER_PATTERN,
    rule: "a GitHub owner is letters, digits and hyphens",
  },
  github_repository: {
    description: "The repository's name without its owner, as GitHub writes it (case matters).",
    pattern: GITHUB_REPOSITORY_PATTERN,
    rule: "a repository name is letters, digits, . _ and -",
  },
  github_owner_id: {
    description: "The owner's numeric ID, in the immutable subject (repo:<owner>@<owner id>/<repo>@<repo id>:…).",
    pattern: GITHUB_ID_PATTERN,
    rule: GITHUB_ID_RULE,
  },
  github_repository_id: {
    description: "The repository's numeric ID: no rename or re-creation of a repository under its name changes it.",
    pattern: GITHUB_ID_PATTERN,
    rule: GITHUB_ID_RULE,
  },
};

/**
 * The value of each variable the settings declare: the defaults written into variables.tf.json,
 * and what the stand-in plays.
 */
export function variableValues({ airplane, github }: GeneratorSettings): Partial<Record<VariableName, string>> {
  return {
    ...(airplane && {
      airplane_team_id: airplane.teamId,
      airplane_env_slug: airplane.envSlug,
      ...(trustsStudio(airplane) && { airplane_studio_env_slug: STUDIO_ENV_SLUG }),
    }),
    ...(github && {
      github_owner: github.owner,
      github_repository: github.repository,
      ...(github.subjectForm === "immutable" && { github_owner_id: github.ownerId }),
      ...(github.repositoryId !== undefined && { github_repository_id: github.repositoryId }),
    }),
  };
}

/** The `variable` blocks of variables.tf.json. */
export function variableBlocks(settings: GeneratorSettings): JsonObject {
  const declared = Object.entries(variableValues(settings)).map(([name, value]): [string, JsonObject] => {
    const { description, pattern, rule } = VARIABLES[name as keyof typeof VARIABLES];
    return [name, stringVariable(name, value, description, pattern, rule)];
  });
  return {
    aws_region: {
      [COMMENT]:
        "null: the AWS provider takes its region from the environment (AWS_REGION or the profile), and the " +
        "outputs leave AWS_REGION for you to set.",
      type: "string",
      default: settings.region ?? null,
      description: "The region of the AWS provider, and the AWS_REGION the tasks are given.",
      validation: [
        {
          condition: interpolate(`var.aws_region == null || can(regex("${AWS_REGION_PATTERN}", var.aws_region))`),
          error_message: `The aws_region is not valid: ${AWS_REGION_RULE}.`,
        },
      ],
    },
    ...Object.fromEntries(declared),
    ...(settings.airplane && {
      airplane_oidc_thumbprints: {
        [COMMENT]:
          "Empty by default: IAM verifies api.airplane.dev against its library of trusted CAs and no longer " +
          "needs a certificate thumbprint. Set it only if IAM ever asks for one.",
        type: "list(string)",
        default: [],
        description:
          "SHA-1 thumbprints of api.airplane.dev's certificate chain; leave empty to let IAM use its trusted CAs.",
      },
    }),
  };
}

/** A string variable Terraform checks against the same pattern the CLI checks its option with. */
function stringVariable(name: string, value: string, description: string, pattern: string, rule: string): JsonObject {
  return {
    type: "string",
    default: value,
    description,
    validation: [
      {
        condition: interpolate(`can(regex("${pattern}", var.${name}))`),
        error_message: `The ${name} is not valid: ${rule}.`,
      },
    ],
  };
}

/**
 * The settings the variables' defaults say, the inverse of `variableValues`: the variables a
 * setting declares are its record (Terraform has no place for a flag, and each of these variables
 * is one the roles read). Undefined values where a default is missing or not text.
 */
export function settingsFromDefaults(defaults: Readonly<Record<string, unknown>>): GeneratorSettings {
  const text = (name: VariableName) => {
    const value = defaults[name];
    return typeof value === "string" ? value : undefined;
  };
  const teamId = text("airplane_team_id");
  const envSlug = text("airplane_env_slug");
  const owner = text("github_owner");
  const repository = text("github_repository");
  const region = text("aws_region");
  return {
    ...(teamId !== undefined &&
      envSlug !== undefined && {
        airplane: { teamId, envSlug, allowStudio: text("airplane_studio_env_slug") !== undefined },
      }),
    ...(owner !== undefined &&
      repository !== undefined && {
        github: githubFromDefaults(owner, repository, text("github_owner_id"), text("github_repository_id")),
      }),
    ...(region !== undefined && { region }),
  };
}

function githubFromDefaults(
  owner: string,
  repository: string,
  ownerId: string | undefined,
  repositoryId: string | undefined,
): GithubSettings {
  if (ownerId !== undefined && repositoryId !== undefined) {
    return { owner, repository, subjectForm: "immutable", ownerId, repositoryId };
  }
  return { owner, repository, subjectForm: "name", ...(repositoryId !== undefined && { repositoryId }) };
}
