import { taskEnvironment } from "@repo/oidc-issuers";
import { TASK_SLUG_PATTERN } from "./airplaneNames";
import { GENERATED_MARKER, type GeneratedFile, GENERATOR } from "./generatedFile";
import { type GeneratorSettings, settingsProblems } from "./generatorSettings";
import { IamInputError } from "./iamInputError";
import { iamModel, type OidcProviderModel, type ProviderKey, TERRAFORM_BINDING } from "./iamModel";
import type { TaskDescription } from "./taskDescription";
import { roleBlocks } from "./terraformBlocks";
import { COMMENT, interpolate, type JsonObject, literal, renderTerraformJson } from "./terraformJson";
import { variableBlocks } from "./terraformVariables";

// The AWS provider release that made aws_iam_openid_connect_provider's thumbprint_list optional
// (provider PR #37255); 7.x may break the arguments used here, so it is opted into, not taken.
const AWS_PROVIDER_VERSION = ">= 5.81.0, < 7.0.0";
// Variable validation, can() and null arguments are all Terraform 1.0 features.
const TERRAFORM_VERSION = ">= 1.0.0";

export const TERRAFORM_FILE = "terraform.tf.json";
export const VARIABLES_FILE = "variables.tf.json";
export const OUTPUTS_FILE = "outputs.tf.json";
export const GITIGNORE_FILE = ".gitignore";
export const providerFileName = (provider: ProviderKey): string => `${provider}-oidc-provider.tf.json`;
export const taskFileName = (slug: string): string => `task-${slug}.tf.json`;

/**
 * The AWS side of the tasks as Terraform JSON files: the OIDC provider of each platform set up,
 * and for each task a role only that task's ID tokens may assume, allowed exactly the statements
 * it declares. Pure and deterministic: the same tasks and settings always give the same bytes.
 */
export function generateTerraform(tasks: readonly TaskDescription[], settings: GeneratorSettings): GeneratedFile[] {
  checkInputs(tasks, settings);
  const model = iamModel(tasks, settings, TERRAFORM_BINDING);
  const taskOf = new Map(tasks.map((task) => [task.slug, task]));
  const files: [string, JsonObject][] = [
    [TERRAFORM_FILE, terraformSettings({ region: true })],
    [VARIABLES_FILE, variables()],
    ...model.providers.map((provider): [string, JsonObject] => [
      providerFileName(provider.key),
      providerFile(provider),
    ]),
    ...model.roles.map((role): [string, JsonObject] => {
      const task = taskOf.get(role.key) as TaskDescription;
      return [
        taskFileName(role.key),
        {
          [COMMENT]:
            `${GENERATED_MARKER} The role of task ${role.key}: only its ID tokens may assume it, and it may do ` +
            `what ${task.permissionsFile} lists. Change the task or that file, then run npm run iam again.`,
          ...roleBlocks(role),
          output: {
            [`${role.key}_role_arn`]: {
              description: `The ARN of the role of task ${role.key}: the value of its AWS_ROLE_ARN.`,
              value: interpolate(`aws_iam_role.${role.key}.arn`),
            },
          },
        },
      ];
    }),
    [OUTPUTS_FILE, outputs(tasks, settings)],
  ];
  return [...files.map(([name, content]) => ({ name, text: renderTerraformJson(content) })), terraformGitignore()];

  function variables(): JsonObject {
    return {
      [COMMENT]:
        `${GENERATED_MARKER} The defaults are the settings given to npm run iam (or npm run setup), so these files ` +
        "work as committed; `npm run iam -- --check` and the local stand-in read them back. Override with -var.",
      variable: variableBlocks(settings),
    };
  }
}

function checkInputs(tasks: readonly TaskDescription[], settings: GeneratorSettings): void {
  const problems = settingsProblems(settings);
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
  if (problems.length > 0) throw new IamInputError(problems.join("\n"));
}

/**
 * `required_version` and the AWS provider; with `region`, the provider block that takes its region
 * from `var.aws_region` (null leaves it to the environment, AWS_REGION or the profile).
 */
export function terraformSettings({ region }: { region: boolean }): JsonObject {
  return {
    [COMMENT]: `${GENERATED_MARKER} Terraform and the AWS provider this folder needs.`,
    terraform: {
      [COMMENT]:
        "AWS provider 5.81.0 is the first in which aws_iam_openid_connect_provider's thumbprint_list is optional. " +
        "Credentials come from the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID...).",
      required_version: TERRAFORM_VERSION,
      required_providers: { aws: { source: "hashicorp/aws", version: AWS_PROVIDER_VERSION } },
    },
    ...(region
      ? {
          provider: {
            aws: {
              [COMMENT]: "IAM is global, but the provider still needs a region for STS and its own checks.",
              region: interpolate("var.aws_region"),
            },
          },
        }
      : {}),
  };
}

function providerFile(provider: OidcProviderModel): JsonObject {
  // Airplane's provider keeps the thumbprint variable it has always had; GitHub's needs none:
  // IAM verifies both against its library of trusted CAs.
  const thumbprints: JsonObject =
    provider.key === "airplane"
      ? {
          thumbprint_list: interpolate(
            "length(var.airplane_oidc_thumbprints) > 0 ? var.airplane_oidc_thumbprints : null",
          ),
        }
      : {};
  return {
    [COMMENT]: `${GENERATED_MARKER} ${provider.platform} as an OpenID Connect identity provider of the AWS account.`,
    resource: {
      aws_iam_openid_connect_provider: {
        [provider.key]: {
          url: provider.url,
          client_id_list: provider.clientIds,
          ...thumbprints,
          tags: { "generated-by": GENERATOR },
          [COMMENT]:
            `${provider.comment} thumbprint_list: IAM no longer needs a thumbprint for a provider whose certificate ` +
            "chains to a trusted CA, and AWS provider >= 5.81.0 makes it optional" +
            (provider.key === "airplane"
              ? "; an empty list becomes null, which leaves it to IAM instead of asking the provider to set an empty list."
              : "."),
        },
      },
    },
    output: {
      [`${provider.key}_oidc_provider_arn`]: {
        description: `The ARN of ${provider.platform}'s OIDC provider in IAM: a federated principal of every task role.`,
        value: interpolate(`aws_iam_openid_connect_provider.${provider.key}.arn`),
      },
    },
  };
}

function outputs(tasks: readonly TaskDescription[], settings: GeneratorSettings): JsonObject {
  const sorted = [...tasks].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  const roleArn = (slug: string) => interpolate(`aws_iam_role.${slug}.arn`);
  const region = interpolate("var.aws_region");
  return {
    [COMMENT]: `${GENERATED_MARKER} What to set where the tasks run, after terraform apply.`,
    output: {
      ...(settings.airplane && {
        airplane_config_vars: {
          description:
            "The config vars to create in the Airplane environment var.airplane_env_slug names: each task's " +
            "AWS_ROLE_ARN config var with its role ARN, and aws_region.",
          value: {
            ...Object.fromEntries(sorted.map((task) => [literal(task.roleArnConfigVar), roleArn(task.slug)])),
            aws_region: region,
          },
        },
      }),
      ...(settings.github && {
        github_environment_variables: {
          description:
            "The variables of each task's GitHub environment (task-<slug>), which its workflow reads as " +
            "vars.AWS_ROLE_ARN and vars.AWS_REGION. npm run setup prints the gh commands that set them.",
          value: Object.fromEntries(
            sorted.map((task) => [
              taskEnvironment(task.slug),
              { AWS_ROLE_ARN: roleArn(task.slug), AWS_REGION: region },
            ]),
          ),
        },
      }),
    },
  };
}

/** Terraform's working files stay out of git in every folder the generator writes. */
export function terraformGitignore(): GeneratedFile {
  return {
    name: GITIGNORE_FILE,
    text:
      `# ${GENERATED_MARKER}\n` +
      "# Terraform's working files. State can hold secrets and belongs in a backend, not in git; the\n" +
      "# provider cache is downloaded by `terraform init`. Do commit .terraform.lock.hcl once init made it.\n" +
      ".terraform/\n*.tfstate\n*.tfstate.*\n*.tfplan\ncrash.log\n",
  };
}
