/** Why getting AWS credentials failed, as a code a caller can branch on. */
export type AwsAuthErrorCode =
  | "InvalidConfiguration"
  | "NoIdTokenSource"
  | "IdTokenPermissionMissing"
  | "NoLocalCredentials"
  | "IdTokenUnavailable"
  | "TrustPolicyRejected"
  | "InvalidIdentityToken"
  | "ExpiredToken"
  | "RegionDisabled"
  | "StsRequestFailed";

/**
 * Every failure of this package: a message that says what to fix, a stable `code`, and the
 * original error as `cause`. Messages never contain an ID token, a request token or a credential.
 */
export class AwsAuthError extends Error {
  override readonly name = "AwsAuthError";
  readonly code: AwsAuthErrorCode;

  constructor(code: AwsAuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A setting that is wrong, found before any call. */
export function invalidConfiguration(message: string, cause?: unknown): AwsAuthError {
  return new AwsAuthError("InvalidConfiguration", message, cause === undefined ? undefined : { cause });
}

/**
 * An AWS error's bare code: the SDK names a modelled STS error "<Code>Exception" and an unmodelled
 * one (AccessDenied, Throttling, ValidationError) by its code alone.
 */
export function awsErrorCode(error: unknown): string {
  return error instanceof Error ? error.name.replace(/Exception$/, "") : "";
}

const REDACTED = "[redacted by aws-auth]";
// Any JWT: base64url of a JSON header (so it starts with "eyJ"), a payload and a signature.
const JWT = /eyJ[\w-]*\.[\w-]+\.[\w-]+/g;

/**
 * Removes every JWT, and each of `secrets`, from an error and its causes, in place. The error is
 * kept as a cause and printed whole (`console.error(err)` shows the chain); AWS does not echo a
 * token, but a proxy, an emulator or a token endpoint's error body may.
 */
export function redactSecrets(error: unknown, secrets: ReadonlyArray<string | undefined> = []): void {
  const scrub = (text: string) =>
    secrets.reduce<string>(
      (kept, secret) => (secret ? kept.replaceAll(secret, REDACTED) : kept),
      text.replace(JWT, REDACTED),
    );
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    current.message = scrub(current.message);
    if (current.stack) current.stack = scrub(current.stack);
  }
}
