import { AIRPLANE_ISSUER, providerHost } from "@repo/oidc-issuers";
import { isServerError, isThrottlingError, isTransientError } from "@smithy/core/retry";
import { AwsAuthError } from "./errors";
import { describeClaims, type IdTokenClaims } from "./idTokenClaims";
import type { OidcConfig } from "./oidcConfig";

// STS answers in the query protocol: a modelled error is named "<Code>Exception" by the SDK, an
// unmodelled one (AccessDenied, Throttling, ValidationError) by its bare code. Compare bare codes.
function stsErrorCode(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  return name.replace(/Exception$/, "");
}

// IAM names a provider's condition keys after its URL without the scheme: api.airplane.dev:sub.
function conditionKeyPrefix(claims: IdTokenClaims | undefined): string {
  return providerHost(claims?.iss ?? AIRPLANE_ISSUER);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// "Couldn't retrieve verification key from your identity provider" is STS failing to fetch the
// provider's JWKS: intermittent, and retried by every OIDC-to-AWS client, unlike other
// InvalidIdentityToken causes, which are configuration.
function isVerificationKeyFailure(error: unknown): boolean {
  return stsErrorCode(error) === "InvalidIdentityToken" && /verification key/i.test(messageOf(error));
}

/** Failures that can pass on their own: worth another attempt after a backoff. */
export function isRetryableStsError(error: unknown): boolean {
  // Our own errors (no token from Airplane, bad configuration) were already retried or are final.
  if (!(error instanceof Error) || error instanceof AwsAuthError) return false;
  const code = stsErrorCode(error);
  if (code === "IDPCommunicationError" || code === "ExpiredToken" || isVerificationKeyFailure(error)) return true;
  const sdkError = error as Parameters<typeof isThrottlingError>[0];
  return isThrottlingError(sdkError) || isServerError(sdkError) || isTransientError(sdkError);
}

/** Failures where the next attempt should present a newly issued ID token. */
export function needsFreshIdToken(error: unknown): boolean {
  return stsErrorCode(error) === "ExpiredToken" || isVerificationKeyFailure(error);
}

/** Turns an STS failure into an error that says what to fix, keeping the original as `cause`. */
export function explainStsError(
  error: unknown,
  config: OidcConfig & { region: string },
  claims: IdTokenClaims | undefined,
  attempts: number,
): AwsAuthError {
  const code = stsErrorCode(error);
  const awsSays = `(STS: ${code}: ${messageOf(error)})`;
  const role = `role ${config.roleArn}`;
  const options = { cause: error };

  if (code === "AccessDenied" || code === "IDPRejectedClaim") {
    const keys = conditionKeyPrefix(claims);
    return new AwsAuthError(
      "TrustPolicyRejected",
      `The trust policy of ${role} rejected this Airplane ID token. ${describeClaims(claims)} ` +
        "The policy must allow sts:AssumeRoleWithWebIdentity for the federated principal of the " +
        `${claims?.iss ?? AIRPLANE_ISSUER} OIDC provider, with "${keys}:aud" equal to the aud above and ` +
        `"${keys}:sub" matching the sub above (team, env and task, case-sensitive; ` +
        `runs under airplane dev have env "studio"). ${awsSays}`,
      options,
    );
  }
  if (code === "InvalidIdentityToken") {
    return new AwsAuthError(
      "InvalidIdentityToken",
      `STS did not accept the Airplane ID token for ${role}. ${describeClaims(claims)} Check that the AWS account has ` +
        `an IAM OIDC provider for ${claims?.iss ?? AIRPLANE_ISSUER} and that its audiences ` +
        `(client IDs) include "${config.audience}". ${awsSays}`,
      options,
    );
  }
  if (code === "ExpiredToken") {
    return new AwsAuthError(
      "ExpiredToken",
      `STS found the Airplane ID token expired, even after ${attempts} fresh tokens, for ${role}. ` +
        `Check this machine's clock. ${awsSays}`,
      options,
    );
  }
  if (code === "RegionDisabled") {
    return new AwsAuthError(
      "RegionDisabled",
      `STS is not activated in region ${config.region} for this account. Activate it (IAM > Account settings > ` +
        `Security Token Service endpoints) or set AWS_REGION to an active region. ${awsSays}`,
      options,
    );
  }
  const afterAttempts = attempts > 1 ? ` after ${attempts} attempts` : "";
  return new AwsAuthError(
    "StsRequestFailed",
    `STS AssumeRoleWithWebIdentity for ${role} failed${afterAttempts}. ${awsSays}`,
    options,
  );
}
