export { fromAirplane, authMode, type AuthMode } from "./fromAirplane";
export { fromAirplaneOidc, type FromAirplaneOidcInit } from "./fromAirplaneOidc";
export { awsClientSettings, type AwsClientSettings } from "./awsClientSettings";
export { awsRegion } from "./region";
export { getAwsAccountId } from "./getAwsAccountId";
export { AwsAuthError, type AwsAuthErrorCode } from "./errors";
export type { AirplaneOidcOptions } from "./oidcConfig";
export type { IdTokenSource } from "./airplaneIdToken";
export { publicError, withPublicErrors } from "./publicError";
