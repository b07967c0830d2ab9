/** Why a signed request was not authenticated; each service turns it into its own error code. */
export type AuthenticationFailure =
  | "MissingAuthentication"
  | "MissingContentSha256"
  | "MalformedAuthorization"
  | "UnknownAccessKey"
  | "InvalidSessionToken"
  | "WrongSigningService"
  | "WrongSigningRegion"
  | "HeadersNotSigned"
  | "RequestTimeTooSkewed"
  | "ExpiredCredentials"
  | "UnsupportedPayloadSigning"
  | "PayloadHashMismatch"
  | "SignatureMismatch";

export class AuthenticationError extends Error {
  override readonly name = "AuthenticationError";

  constructor(
    readonly failure: AuthenticationFailure,
    /** Detail for the error message; never a secret. */
    readonly detail: string,
    /** The access key the request claimed, when it named one. */
    readonly accessKeyId?: string,
  ) {
    super(`${failure}: ${detail}`);
  }
}
