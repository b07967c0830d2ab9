import {
  AIRPLANE_ISSUER,
  AUDIENCE_CONDITION_KEY,
  formatSubject,
  GITHUB_AUDIENCE_CONDITION_KEY,
  GITHUB_ISSUER,
  GITHUB_REPOSITORY_ID_CONDITION_KEY,
  GITHUB_SUBJECT_CONDITION_KEY,
  githubSubject,
  providerArn,
  STS_AUDIENCE,
  SUBJECT_CONDITION_KEY,
  taskEnvironment,
  WEB_IDENTITY_ACTION,
} from "@repo/oidc-issuers";
import { GENERATOR } from "./generatedFile";
import { type AirplaneSettings, type GeneratorSettings, type GithubSettings, trustsStudio } from "./generatorSettings";
import { statementSids } from "./statementSid";
import type { PermissionStatement, TaskPermissions } from "./taskDescription";
import { interpolate, literal } from "./terraformJson";
import { type VariableName, variableValues } from "./terraformVariables";

/**
 * The AWS side of the tasks as data: the OIDC providers, and each role with its trust and
 * permission policies. Terraform is rendered from it (`generateTerraform`), and so is the local
 * stand-in's IAM (`committedIam`), so both hold the same roles by construction.
 */
export interface IamModel {
  providers: OidcProviderModel[];
  roles: RoleModel[];
}

export type ProviderKey = "airplane" | "github";

export interface OidcProviderModel {
  key: ProviderKey;
  /** Whose tokens: "Airplane", "GitHub". */
  platform: string;
  url: string;
  clientIds: string[];
  comment: string;
}

export interface RoleModel {
  /** The role's name in Terraform (`aws_iam_role.<key>`): the task's slug. */
  key: string;
  name: string;
  description: string;
  comment: string;
  maxSessionDurationSeconds: number;
  tags: Record<string, string>;
  trustPolicy: PolicyModel;
  /** Absent when the task declares no statement: the role may then only say who it is. */
  permissionPolicy?: PolicyModel;
}

export interface PolicyModel {
  comment: string;
  statements: StatementModel[];
}

export interface StatementModel {
  comment?: string;
  sid: string;
  effect: "Allow";
  actions: string[];
  resources?: string[];
  principals?: { type: "Federated" | "AWS"; identifiers: string[] }[];
  conditions?: ConditionModel[];
}

export interface ConditionModel {
  comment?: string;
  /** An IAM condition operator; the generator writes only StringEquals. */
  test: string;
  variable: string;
  values: string[];
}

/**
 * How the model spells what Terraform knows only at apply time: as Terraform references
 * (`TERRAFORM_BINDING`), or as the values they take for given settings in an account
 * (`valueBinding`). Text from the tasks goes through `literal`, which Terraform must not read as
 * a template.
 */
export interface ModelBinding {
  variable: (name: VariableName) => string;
  providerArn: (provider: ProviderKey) => string;
  literal: (text: string) => string;
}

export const TERRAFORM_BINDING: ModelBinding = {
  variable: (name) => interpolate(`var.${name}`),
  providerArn: (provider) => interpolate(`aws_iam_openid_connect_provider.${provider}.arn`),
  literal,
};

const ISSUERS: Record<ProviderKey, string> = { airplane: AIRPLANE_ISSUER, github: GITHUB_ISSUER };

/** The values `terraform apply` with the variables' defaults would give, in `accountId`. */
export function valueBinding(settings: GeneratorSettings, accountId: string): ModelBinding {
  const values = variableValues(settings);
  return {
    variable: (name) => {
      const value = values[name];
      if (value === undefined) throw new Error(`The settings declare no variable ${name}.`);
      return value;
    },
    providerArn: (provider) => providerArn(accountId, ISSUERS[provider]),
    literal: (text) => text,
  };
}

// IAM's minimum and default. @repo/aws-auth renews credentials with a fresh token five minutes
// before they expire, so no run needs longer, and a leaked session key is good for an hour at most.
export const MAX_SESSION_SECONDS = 3600;
export const roleName = (slug: string): string => `airplane-${slug}`;

/** The task account's IAM: the providers the settings trust, and one role per task. */
export function iamModel(tasks: readonly TaskPermissions[], settings: GeneratorSettings, bind: ModelBinding): IamModel {
  const providers: OidcProviderModel[] = [];
  if (settings.airplane) providers.push(provider("airplane", "Airplane"));
  if (settings.github) providers.push(provider("github", "GitHub"));
  const sorted = [...tasks].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  return { providers, roles: sorted.map((task) => taskRole(task, settings, bind)) };
}

function provider(key: ProviderKey, platform: string): OidcProviderModel {
  return {
    key,
    platform,
    url: ISSUERS[key],
    clientIds: [STS_AUDIENCE],
    comment:
      `STS accepts ${platform}'s ID tokens only through this provider, and only for a listed client ID (the ` +
      "token's audience). One per account: if the account already has it, import it rather than create it.",
  };
}

function taskRole(task: TaskPermissions, settings: GeneratorSettings, bind: ModelBinding): RoleModel {
  const { slug } = task;
  const statements = [
    ...(settings.airplane ? [airplaneStatement(slug, settings.airplane, bind)] : []),
    ...(settings.github ? [githubStatement(slug, settings.github, bind)] : []),
  ];
  const platforms = [
    settings.airplane && "Airplane",
    settings.github && `GitHub Actions (environment ${taskEnvironment(slug)})`,
  ].filter(Boolean);
  const hasPermissions = task.statements.length > 0;
  return {
    key: slug,
    name: roleName(slug),
    description: `Assumed by the task ${slug} with its OIDC ID token from ${platforms.join(" or ")}. Generated by npm run iam.`,
    comment:
      "Sessions last at most an hour: @repo/aws-auth renews them before they expire." +
      (hasPermissions
        ? ""
        : ` No permission policy: ${task.permissionsFile} lists no statement, so the role may only say ` +
          "who it is (sts:GetCallerIdentity needs no permission)."),
    maxSessionDurationSeconds: MAX_SESSION_SECONDS,
    tags: { "airplane-task": slug, "generated-by": GENERATOR },
    trustPolicy: {
      comment: `Who may assume the role: the ID token of task ${slug}, and nothing else.`,
      statements,
    },
    ...(hasPermissions ? { permissionPolicy: permissionPolicyModel(task.statements, bind) } : {}),
  };
}

function airplaneStatement(slug: string, airplane: AirplaneSettings, bind: ModelBinding): StatementModel {
  const team = bind.variable("airplane_team_id");
  const subjects = [formatSubject({ team, env: bind.variable("airplane_env_slug"), task: slug })];
  const studio = trustsStudio(airplane);
  if (studio) subjects.push(formatSubject({ team, env: bind.variable("airplane_studio_env_slug"), task: slug }));
  return webIdentityStatement("AirplaneTaskIdToken", bind.providerArn("airplane"), [
    {
      comment: "The audience the task asks airplane.auth.idToken() for: a token meant for AWS STS.",
      test: "StringEquals",
      variable: AUDIENCE_CONDITION_KEY,
      values: [STS_AUDIENCE],
    },
    {
      comment: studio
        ? "This task in this team and environment, and in `airplane dev` (env studio), whose tokens are real."
        : "This task, in this team and environment only: a token of any other task, team or env is refused.",
      test: "StringEquals",
      variable: SUBJECT_CONDITION_KEY,
      values: subjects,
    },
  ]);
}

/** The one action, for the provider's tokens alone, under the conditions given. */
function webIdentityStatement(sid: string, providerArn: string, conditions: ConditionModel[]): StatementModel {
  return {
    sid,
    effect: "Allow",
    actions: [WEB_IDENTITY_ACTION],
    principals: [{ type: "Federated", identifiers: [providerArn] }],
    conditions,
  };
}

/**
 * Exact values only, which also meets IAM's rule for GitHub's provider (a role is refused unless
 * it evaluates :sub with a string operator, not scoped to all). The repository ID gets a key of its
 * own only in the name-only form, where a repository later given the same name would otherwise match:
 * the immutable subject already holds the ID, and a second key would only add a way to refuse every
 * token wherever STS does not evaluate GitHub's claim keys (they came to the commercial regions in 2026).
 */
function githubStatement(slug: string, github: GithubSettings, bind: ModelBinding): StatementModel {
  const repository = { owner: bind.variable("github_owner"), repository: bind.variable("github_repository") };
  const environment = taskEnvironment(slug);
  const subject =
    github.subjectForm === "immutable"
      ? githubSubject({
          ...repository,
          ownerId: bind.variable("github_owner_id"),
          repositoryId: bind.variable("github_repository_id"),
          environment,
        })
      : githubSubject({ ...repository, environment });
  return webIdentityStatement("GitHubActionsTaskEnvironment", bind.providerArn("github"), [
    {
      comment:
        "The audience the job asks GitHub for (ACTIONS_ID_TOKEN_REQUEST_URL&audience=): a token meant for AWS STS.",
      test: "StringEquals",
      variable: GITHUB_AUDIENCE_CONDITION_KEY,
      values: [STS_AUDIENCE],
    },
    {
      comment:
        `A job of this repository in the environment ${environment} only, whose protection rules say who may ` +
        "run the task: another environment, branch or repository is refused.",
      test: "StringEquals",
      variable: GITHUB_SUBJECT_CONDITION_KEY,
      values: [subject],
    },
    ...(github.subjectForm === "name" && github.repositoryId !== undefined
      ? [
          {
            comment: "The repository by its ID: a repository that takes this name later is refused.",
            test: "StringEquals",
            variable: GITHUB_REPOSITORY_ID_CONDITION_KEY,
            values: [bind.variable("github_repository_id")],
          },
        ]
      : []),
  ]);
}

/** What a role may do: the declared statements one for one, the why as comment and a Sid from it. */
export function permissionPolicyModel(statements: readonly PermissionStatement[], bind: ModelBinding): PolicyModel {
  const sids = statementSids(statements.map((statement) => statement.why));
  return {
    comment: "What the role may do: the task's declared statements, one for one, and nothing more.",
    statements: statements.map((statement, index) => ({
      comment: statement.why,
      sid: sids[index] ?? "",
      effect: "Allow",
      actions: statement.actions.map(bind.literal),
      resources: statement.resources.map(bind.literal),
    })),
  };
}
