// The commands behind `npm run iam` and `npm run setup`.
export { iamCommand, DEFAULT_OUT, DEFAULT_MEMBER_OUT, type IamCommandOptions } from "./iamCommand";
export { parseIamArgs, type IamArgs } from "./parseIamArgs";
export { setupCommand } from "./setupCommand";

// Tasks in.
export { readTaskDescriptions, PERMISSIONS_FILE } from "./readTaskDescriptions";
export { readTaskPermissions } from "./readTaskPermissions";
export { readPermissionsFile } from "./readPermissionsFile";
export type { PermissionStatement, TaskDescription, TaskPermissions } from "./taskDescription";

// The settings: what may assume the roles.
export {
  describeSettings,
  settingsProblems,
  type AirplaneSettings,
  type GeneratorSettings,
  type GithubSettings,
} from "./generatorSettings";
export { readCommittedSettings, CommittedSettingsError } from "./committedSettings";

// The model: providers and roles, rendered as Terraform and as the stand-in's IAM.
export {
  iamModel,
  MAX_SESSION_SECONDS,
  permissionPolicyModel,
  roleName,
  TERRAFORM_BINDING,
  valueBinding,
  type IamModel,
  type ModelBinding,
  type OidcProviderModel,
  type PolicyModel,
  type RoleModel,
  type StatementModel,
} from "./iamModel";
export { policyDocument } from "./policyDocument";
export {
  committedIam,
  iamDefinitions,
  COMMITTED_TERRAFORM_DIR,
  type CommittedIam,
  type OidcProviderDefinition,
  type RoleDefinition,
} from "./committedIam";

// Terraform JSON out.
export {
  generateTerraform,
  providerFileName,
  taskFileName,
  GITIGNORE_FILE,
  OUTPUTS_FILE,
  TERRAFORM_FILE,
  VARIABLES_FILE,
} from "./generateTerraform";
export {
  chainingTasks,
  generateMemberRoles,
  memberFileName,
  memberRolesModel,
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
export { IamInputError } from "./iamInputError";

export { ENV_SLUG_PATTERN, TASK_SLUG_PATTERN, TEAM_ID_PATTERN } from "./airplaneNames";
export { GITHUB_ID_PATTERN, GITHUB_OWNER_PATTERN, GITHUB_REPOSITORY_PATTERN } from "./githubNames";
