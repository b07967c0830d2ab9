import {
  AIRPLANE_ISSUER,
  AUDIENCE_CONDITION_KEY,
  formatSubject,
  STS_AUDIENCE,
  STUDIO_ENV_SLUG,
  SUBJECT_CONDITION_KEY,
  WEB_IDENTITY_ACTION,
} from "@repo/oidc-issuers";
import {
  ENV_SLUG_PATTERN,
  ENV_SLUG_RULE,
  envSlugProblem,
  TASK_SLUG_PATTERN,
  TEAM_ID_PATTERN,
  TEAM_ID_RULE,
  teamIdProblem,
} from "./airplaneNames";
import { GENERATED_MARKER, type GeneratedFile, GENERATOR } from "./generatedFile";
import { IamInputError } from "./iamInputError";
import { statementSids } from "./statementSid";
import type { PermissionStatement, TaskDescription } from "./taskDescription";
import { COMMENT, interpolate, type JsonObject, literal, renderTerraformJson } from "./terraformJson";

export interface GeneratorSettings {
  /** Default of `var.airplane_team_id`. */
  teamId: string;
  /** Default of `var.airplane_env_slug`. */
  envSlug: string;
  /** Also trust the tokens of `airplane dev`, whose subject says `env:studio`. */
  allowStudio: boolean;
}

// The AWS provider release that made aws_iam_openid_connect_provider's thumbprint_list optional
// (provider PR #37255); 7.x may break the arguments used here, so it is opted into, not taken.
const AWS_PROVIDER_VERSION = ">= 5.81.0, < 7.0.0";
// Variable validation, can() and null arguments are all Terraform 1.0 features.
const TERRAFORM_VERSION = ">= 1.0.0";
// IAM's minimum and default. @repo/aws-auth renews credentials with a fresh token five minutes
// before they expire, so no run needs longer, and a leaked session key is good for an hour at most.
export const MAX_SESSION_SECONDS = 3600;
const OIDC_PROVIDER = "aws_iam_openid_connect_provider.airplane";
export const INLINE_POLICY_NAME = "aws-permissions";

export const TERRAFORM_FILE = "terraform.tf.json";
export const VARIABLES_FILE = "variables.tf.json";
export const OIDC_PROVIDER_FILE = "airplane-oidc-provider.tf.json";
export const OUTPUTS_FILE = "outputs.tf.json";
export const taskFileName = (slug: string): string => `task-${slug}.tf.json`;
export const roleName = (slug: string): string => `airplane-${slug}`;

/**
 * The AWS side of the tasks as Terraform JSON files: Airplane's OIDC provider, and for each task
 * a role only that task's ID token may assume, allowed exactly the statements it declares.
 * Pure and deterministic: the same tasks and settings always give the same bytes.
 */
export function generateTerraform(tasks: readonly TaskDescription[], settings: GeneratorSettings): GeneratedFile[] {
  checkInputs(tasks, settings);
  const sorted = [...tasks].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  const files: [string, JsonObject][] = [
    [TERRAFORM_FILE, terraformSettings()],
    [VARIABLES_FILE, variables(settings)],
    [OIDC_PROVIDER_FILE, oidcProvider()],
    ...sorted.map((task): [string, JsonObject] => [taskFileName(task.slug), taskRole(task, settings)]),
    [OUTPUTS_FILE, configVarOutputs(sorted)],
  ];
  return files.map(([name, content]) => ({ name, text: renderTerraformJson(content) }));
}

function checkInputs(tasks: readonly TaskDescription[], settings: GeneratorSettings): void {
  const problems = [teamIdProblem(settings.teamId), envSlugProblem(settings.envSlug)];
  const taskOfConfigVar = new Map<string, string>();
  const slugs = new Set<string>();
  for (const { slug, roleArnConfigVar } of tasks) {
    if (!new RegExp(TASK_SLUG_PATTERN).test(slug)) {
      problems.push(`"${slug}" is not an Airplane task slug: lowercase letters, digits and _, starting with a letter.`);
    }
    if (slugs.has(slug)) problems.push(`Two tasks have the slug ${slug}: Airplane needs each slug once.`);
    const other = taskOfConfigVar.get(roleArnConfigVar);
    if (other) {
      problems.push(
        `Tasks ${other} and ${slug} both read AWS_ROLE_ARN from the config var ${roleArnConfigVar}, but each task ` +
          `gets its own role: map each to its own config var, e.g. aws_role_arn_${slug}.`,
      );
    }
    slugs.add(slug);
    taskOfConfigVar.set(roleArnConfigVar, slug);
  }
  const found = problems.filter((problem) => problem !== undefined);
  if (found.length > 0) throw new IamInputError(found.join("\n"));
}

export function terraformSettings(): JsonObject {
  return {
    [COMMENT]: `${GENERATED_MARKER} Terraform and the AWS provider this folder needs.`,
    terraform: {
      [COMMENT]:
        "AWS provider 5.81.0 is the first in which aws_iam_openid_connect_provider's thumbprint_list is optional. " +
        "No provider block: the provider takes its credentials and region from the environment (AWS_PROFILE, " +
        "AWS_REGION), and this folder can also be used as a module.",
      required_version: TERRAFORM_VERSION,
      required_providers: { aws: { source: "hashicorp/aws", version: AWS_PROVIDER_VERSION } },
    },
  };
}

function variables(settings: GeneratorSettings): JsonObject {
  return {
    [COMMENT]:
      `${GENERATED_MARKER} The defaults are the --team-id and --env given to npm run iam, so these files work ` +
      "as committed; `npm run iam -- --check` reads them back. Override with -var for another team or environment.",
    variable: {
      airplane_team_id: patternVariable(
        "airplane_team_id",
        settings.teamId,
        "Your Airplane team ID (Team settings): the team part of every task's token subject.",
        TEAM_ID_PATTERN,
        TEAM_ID_RULE,
      ),
      airplane_env_slug: patternVariable(
        "airplane_env_slug",
        settings.envSlug,
        "The slug of the Airplane environment whose task runs may assume the roles, e.g. prod.",
        ENV_SLUG_PATTERN,
        ENV_SLUG_RULE,
      ),
      airplane_oidc_thumbprints: {
        [COMMENT]:
          "Empty by default: IAM verifies api.airplane.dev against its library of trusted CAs and no longer " +
          "needs a certificate thumbprint. Set it only if IAM ever asks for one.",
        type: "list(string)",
        default: [],
        description:
          "SHA-1 thumbprints of api.airplane.dev's certificate chain; leave empty to let IAM use its trusted CAs.",
      },
    },
  };
}

/** A string variable Terraform checks against the same pattern the CLI checks `--team-id`/`--env` with. */
function patternVariable(name: string, value: string, description: string, pattern: string, rule: string) {
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

function oidcProvider(): JsonObject {
  return {
    [COMMENT]: `${GENERATED_MARKER} Airplane as an OpenID Connect identity provider of the AWS account.`,
    resource: {
      aws_iam_openid_connect_provider: {
        airplane: {
          [COMMENT]:
            "STS accepts Airplane's ID tokens only through this provider, and only for a listed client ID (the " +
            "token's audience). One per account: if the account already has it, import it rather than create it. " +
            "thumbprint_list: IAM no longer needs a thumbprint for a provider whose certificate chains to a " +
            "trusted CA, and AWS provider >= 5.81.0 makes it optional; an empty list becomes null, which leaves " +
            "it to IAM instead of asking the provider to set an empty list.",
          url: AIRPLANE_ISSUER,
          client_id_list: [STS_AUDIENCE],
          thumbprint_list: interpolate(
            "length(var.airplane_oidc_thumbprints) > 0 ? var.airplane_oidc_thumbprints : null",
          ),
          tags: { "generated-by": GENERATOR },
        },
      },
    },
    output: {
      airplane_oidc_provider_arn: {
        description: "The ARN of Airplane's OIDC provider in IAM: the federated principal of every task role.",
        value: interpolate(`${OIDC_PROVIDER}.arn`),
      },
    },
  };
}

function taskRole(task: TaskDescription, settings: GeneratorSettings): JsonObject {
  const { slug } = task;
  const trust = `${slug}_trust`;
  const permissions = `${slug}_permissions`;
  const hasPermissions = task.statements.length > 0;
  return {
    [COMMENT]:
      `${GENERATED_MARKER} The role of task ${slug}: only its ID token may assume it, and it may do what ` +
      `${task.permissionsFile} lists. Change the task or that file, then run npm run iam again.`,
    data: {
      aws_iam_policy_document: {
        [trust]: trustPolicy(slug, settings),
        ...(hasPermissions ? { [permissions]: permissionPolicy(task.statements) } : {}),
      },
    },
    resource: {
      aws_iam_role: {
        [slug]: {
          [COMMENT]:
            "Sessions last at most an hour: @repo/aws-auth renews them before they expire." +
            (hasPermissions
              ? ""
              : ` No permission policy: ${task.permissionsFile} lists no statement, so the role may only say ` +
                "who it is (sts:GetCallerIdentity needs no permission)."),
          name: roleName(slug),
          description: `Assumed by the Airplane task ${slug} with its OIDC ID token. Generated by npm run iam.`,
          assume_role_policy: interpolate(`data.aws_iam_policy_document.${trust}.json`),
          max_session_duration: MAX_SESSION_SECONDS,
          tags: { "airplane-task": slug, "generated-by": GENERATOR },
        },
      },
      ...(hasPermissions
        ? {
            aws_iam_role_policy: {
              [slug]: {
                [COMMENT]: `Inline, so the permissions live and die with the role; named after ${task.permissionsFile}.`,
                name: INLINE_POLICY_NAME,
                role: interpolate(`aws_iam_role.${slug}.id`),
                policy: interpolate(`data.aws_iam_policy_document.${permissions}.json`),
              },
            },
          }
        : {}),
    },
    output: {
      [`${slug}_role_arn`]: {
        description: `The ARN of the role of task ${slug}: the value of its ${task.roleArnConfigVar} config var.`,
        value: interpolate(`aws_iam_role.${slug}.arn`),
      },
    },
  };
}

function trustPolicy(slug: string, settings: GeneratorSettings): JsonObject {
  const subject = (env: string) => formatSubject({ team: interpolate("var.airplane_team_id"), env, task: slug });
  const subjects = [subject(interpolate("var.airplane_env_slug"))];
  if (settings.allowStudio && settings.envSlug !== STUDIO_ENV_SLUG) subjects.push(subject(STUDIO_ENV_SLUG));
  return {
    [COMMENT]: `Who may assume the role: Airplane's ID token for task ${slug}, and nothing else.`,
    statement: [
      {
        sid: "AirplaneTaskIdToken",
        effect: "Allow",
        actions: [WEB_IDENTITY_ACTION],
        principals: [{ type: "Federated", identifiers: [interpolate(`${OIDC_PROVIDER}.arn`)] }],
        condition: [
          {
            [COMMENT]: "The audience the task asks airplane.auth.idToken() for: a token meant for AWS STS.",
            test: "StringEquals",
            variable: AUDIENCE_CONDITION_KEY,
            values: [STS_AUDIENCE],
          },
          {
            [COMMENT]: settings.allowStudio
              ? "This task in this team and environment, and in `airplane dev` (env studio), whose tokens are real."
              : "This task, in this team and environment only: a token of any other task, team or env is refused.",
            test: "StringEquals",
            variable: SUBJECT_CONDITION_KEY,
            values: subjects,
          },
        ],
      },
    ],
  };
}

export function permissionPolicy(statements: readonly PermissionStatement[]): JsonObject {
  const sids = statementSids(statements.map((statement) => statement.why));
  return {
    [COMMENT]: "What the role may do: the task's declared statements, one for one, and nothing more.",
    statement: statements.map((statement, index) => ({
      [COMMENT]: statement.why,
      sid: sids[index] ?? "",
      effect: "Allow",
      actions: statement.actions.map(literal),
      resources: statement.resources.map(literal),
    })),
  };
}

function configVarOutputs(tasks: readonly TaskDescription[]): JsonObject {
  return {
    [COMMENT]: `${GENERATED_MARKER} What to paste into Airplane after terraform apply.`,
    output: {
      airplane_config_vars: {
        description:
          "Each task's AWS_ROLE_ARN config var and the role ARN to set it to, in the Airplane environment " +
          "var.airplane_env_slug names (set aws_region there too).",
        value: Object.fromEntries(
          tasks.map((task) => [literal(task.roleArnConfigVar), interpolate(`aws_iam_role.${task.slug}.arn`)]),
        ),
      },
    },
  };
}
