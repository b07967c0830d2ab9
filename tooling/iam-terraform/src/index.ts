// The command behind `npm run iam`.
export { iamCommand, DEFAULT_OUT, DEFAULT_MEMBER_OUT, type IamCommandOptions } from "./iamCommand";
export { parseIamArgs, type IamArgs } from "./parseIamArgs";

// Tasks in, Terraform JSON out.
export { readTaskDescriptions, PERMISSIONS_FILE } from "./readTaskDescriptions";
export { readPermissionsFile } from "./readPermissionsFile";
export type { PermissionStatement, TaskDescription } from "./taskDescription";
export {
  generateTerraform,
  roleName,
  taskFileName,
  OIDC_PROVIDER_FILE,
  OUTPUTS_FILE,
  TERRAFORM_FILE,
  VARIABLES_FILE,
  type GeneratorSettings,
} from "./generateTerraform";
export {
  chainingTasks,
  generateMemberRoles,
  memberFileName,
  memberTrustPolicy,
  taskRoleArn,
  type MemberRoleSettings,
} from "./generateMemberRoles";
export { GENERATED_MARKER, GENERATOR, type GeneratedFile } from "./generatedFile";
export {
  writeTerraformFiles,
  compareTerraformFiles,
  hasDrift,
  type FileChange,
  type TerraformDrift,
} from "./terraformFiles";
export { readCommittedSettings } from "./committedSettings";
export { IamInputError } from "./iamInputError";

// Committed Terraform back in, as IAM documents (for the local stand-in's end-to-end tests).
export {
  loadTerraformRoles,
  type LoadTerraformRolesOptions,
  type OidcProviderDefinition,
  type RoleDefinition,
  type TerraformRoles,
} from "./loadTerraformRoles";
export { TerraformConfigError } from "./readTerraformDir";

export { ENV_SLUG_PATTERN, TASK_SLUG_PATTERN, TEAM_ID_PATTERN } from "./airplaneNames";
