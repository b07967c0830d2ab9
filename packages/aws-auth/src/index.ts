export { fromTaskRole, type TaskRoleOptions } from "./fromTaskRole";
export { fromChainedRole, type ChainedRoleOptions } from "./fromChainedRole";
export {
  credentialSource,
  describeCredentialSource,
  type CredentialSource,
  type IdTokenSource,
} from "./credentialSource";
export { awsClientSettings, awsRegion, type AwsClientSettings } from "./awsClientSettings";
export { getAwsAccountId } from "./getAwsAccountId";
export { AwsAuthError, type AwsAuthErrorCode } from "./errors";
export { secretFreeError, withSecretFreeErrors } from "./secretFreeErrors";
export { isExternalId, type SessionPolicyOptions } from "./settings";
export { SESSION_TAG_KEYS } from "./run";
export type { RetryPolicy } from "./retry";
