export { iamCommand, DEFAULT_OUT, type IamCommandOptions } from "./iamCommand";
export { parseIamArgs, type IamArgs } from "./parseIamArgs";
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
export { GENERATED_MARKER, GENERATOR, isGeneratedText, type GeneratedFile } from "./generatedFile";
export { readTaskDescriptions, PERMISSIONS_FILE } from "./readTaskDescriptions";
export { readPermissionsFile, type PermissionsFileResult } from "./readPermissionsFile";
export type { PermissionStatement, TaskDescription } from "./taskDescription";
export { IamInputError } from "./iamInputError";
export { statementSids } from "./statementSid";
export { renderTerraformJson, literal, interpolate, COMMENT, type JsonObject, type JsonValue } from "./terraformJson";
export {
  writeTerraformFiles,
  compareTerraformFiles,
  hasDrift,
  type FileChange,
  type TerraformDrift,
} from "./terraformFiles";
export { readCommittedSettings } from "./committedSettings";
export {
  loadTerraformRoles,
  type LoadTerraformRolesOptions,
  type OidcProviderDefinition,
  type RoleDefinition,
  type TerraformRoles,
} from "./loadTerraformRoles";
export { renderPolicyDocument } from "./renderPolicyDocument";
export { TerraformConfigError } from "./readTerraformDir";
export { evaluateTemplate } from "./terraformTemplate";
export * from "./airplaneOidc";
