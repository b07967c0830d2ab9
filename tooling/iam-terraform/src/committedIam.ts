import { join } from "node:path";
import type { PolicyDocument } from "@repo/iam-policy";
import { readCommittedSettings } from "./committedSettings";
import type { GeneratorSettings } from "./generatorSettings";
import { type IamModel, iamModel, type RoleModel, valueBinding } from "./iamModel";
import { policyDocument } from "./policyDocument";
import { readTaskPermissions } from "./readTaskPermissions";

/** An IAM OIDC provider, as the local stand-in's config takes it. */
export interface OidcProviderDefinition {
  url: string;
  clientIds: string[];
}

/** An IAM role, as the local stand-in's config takes it: the policies are plain IAM JSON documents. */
export interface RoleDefinition {
  name: string;
  description: string;
  trustPolicy: PolicyDocument;
  permissionPolicies: PolicyDocument[];
  maxSessionDurationSeconds: number;
}

export interface CommittedIam {
  /** The settings of the committed variables.tf.json. */
  settings: GeneratorSettings;
  oidcProviders: OidcProviderDefinition[];
  roles: RoleDefinition[];
}

export const COMMITTED_TERRAFORM_DIR = "infra/terraform";

/**
 * What `terraform apply` of the repository's committed infra/terraform creates in `accountId`,
 * with the variables' defaults: the generator's model for the repository's tasks and committed
 * settings, its references resolved. `npm run iam -- --check` proves those files are this model.
 * Given `settings`, the same roles generated for those instead (the tests' fixed demo settings).
 */
export function committedIam(
  repoRoot: string,
  accountId: string,
  settings: GeneratorSettings = readCommittedSettings(
    join(repoRoot, COMMITTED_TERRAFORM_DIR),
    "npm run setup (npm run setup -- --help says how)",
  ),
): CommittedIam {
  const model = iamModel(readTaskPermissions(repoRoot), settings, valueBinding(settings, accountId));
  return { settings, ...iamDefinitions(model) };
}

/** The model's providers and roles as the stand-in takes them. */
export function iamDefinitions(model: Partial<IamModel>): Omit<CommittedIam, "settings"> {
  return {
    oidcProviders: (model.providers ?? []).map(({ url, clientIds }) => ({ url, clientIds: [...clientIds] })),
    roles: (model.roles ?? []).map(roleDefinition),
  };
}

function roleDefinition(role: RoleModel): RoleDefinition {
  return {
    name: role.name,
    description: role.description,
    trustPolicy: policyDocument(role.trustPolicy),
    permissionPolicies: role.permissionPolicy ? [policyDocument(role.permissionPolicy)] : [],
    maxSessionDurationSeconds: role.maxSessionDurationSeconds,
  };
}
