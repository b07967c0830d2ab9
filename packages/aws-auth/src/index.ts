export { fromAirplane, authMode, type AuthMode } from "./fromAirplane";
export { fromAirplaneOidc, type FromAirplaneOidcInit } from "./fromAirplaneOidc";
export { getAwsCredentials } from "./getAwsCredentials";
export { getAwsAccountId } from "./getAwsAccountId";
export { AwsAuthError, type AwsAuthErrorCode } from "./errors";
export type { AirplaneOidcOptions } from "./oidcConfig";
export type { IdTokenSource } from "./airplaneIdToken";
