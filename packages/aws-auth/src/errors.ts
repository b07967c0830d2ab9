/** Why getting AWS credentials failed, as a code a caller can branch on. */
export type AwsAuthErrorCode =
  | "InvalidConfiguration"
  | "NotOnAirplane"
  | "NoLocalCredentials"
  | "IdTokenUnavailable"
  | "TrustPolicyRejected"
  | "InvalidIdentityToken"
  | "ExpiredToken"
  | "RegionDisabled"
  | "StsRequestFailed";

/**
 * Every failure of this package: a message that says what to fix, a stable `code`, and the
 * original error as `cause`. Messages never contain the ID token or any credential.
 */
export class AwsAuthError extends Error {
  override readonly name = "AwsAuthError";
  readonly code: AwsAuthErrorCode;

  constructor(code: AwsAuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
