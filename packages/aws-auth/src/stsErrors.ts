import { errorText } from "@repo/error-text";
import { AIRPLANE_ISSUER, GITHUB_ISSUER, parseGithubSubject, providerHost } from "@repo/oidc-issuers";
import { isServerError, isThrottlingError, isTransientError } from "@smithy/core/retry";
import { AwsAuthError, awsErrorCode } from "./errors";

// "Couldn't retrieve verification key from your identity provider" is STS failing to fetch the
// provider's JWKS: intermittent, and retried by every OIDC-to-AWS client, unlike other
// InvalidIdentityToken causes, which are configuration.
function isVerificationKeyFailure(error: unknown): boolean {
  return awsErrorCode(error) === "InvalidIdentityToken" && /verification key/i.test(errorText(error));
}

/** Failures that can pass on their own: worth another attempt after a backoff. */
export function isRetryableStsError(error: unknown): boolean {
  // Our own errors (no token, bad configuration) were already retried or are final.
  if (!(error instanceof Error) || error instanceof AwsAuthError) return false;
  const code = awsErrorCode(error);
  if (code === "IDPCommunicationError" || code === "ExpiredToken" || isVerificationKeyFailure(error)) return true;
  const sdkError = error as Parameters<typeof isThrottlingError>[0];
  return isThrottlingError(sdkError) || isServerError(sdkError) || isTransientError(sdkError);
}

/** Failures where the next attempt should present a newly issued ID token. */
export function needsFreshIdToken(error: unknown): boolean {
  return awsErrorCode(error) === "ExpiredToken" || isVerificationKeyFailure(error);
}

/** The claims a trust policy is matched against: enough to explain a refusal, never the token. */
export interface IdTokenClaims {
  iss: string;
  aud: string;
  sub: string;
}

/**
 * Reads the claims without verifying the signature: they are only shown to a person to explain
 * why AWS refused the token, and AWS (not this code) is the one that verifies it.
 */
export async function readIdTokenClaims(token: string): Promise<IdTokenClaims | undefined> {
  try {
    // jose is ESM-only and needed only on this error path, so it is loaded here, not at start-up.
    const { decodeJwt } = await import("jose");
    const payload = decodeJwt(token);
    return {
      iss: String(payload.iss ?? "(none)"),
      aud: Array.isArray(payload.aud) ? payload.aud.join(",") : String(payload.aud ?? "(none)"),
      sub: String(payload.sub ?? "(none)"),
    };
  } catch {
    return undefined;
  }
}

/** What a web-identity failure is explained with. */
export interface WebIdentityContext {
  roleArn: string;
  audience: string;
  /** The STS client's region. */
  region: string;
  /** The token's claims, when it was issued and could be read. */
  claims: IdTokenClaims | undefined;
  /** The issuer to name when the claims are unknown. */
  issuer: string | undefined;
  attempts: number;
}

/** Turns an AssumeRoleWithWebIdentity failure into an error that says what to fix, keeping the original as `cause`. */
export function explainWebIdentityError(error: unknown, context: WebIdentityContext): AwsAuthError {
  const { roleArn, claims, attempts } = context;
  const code = awsErrorCode(error);
  const awsSays = `(STS: ${errorText(error)})`;
  const issuer = claims?.iss ?? context.issuer ?? "<the token's issuer>";
  const token =
    { [AIRPLANE_ISSUER]: "Airplane ID token", [GITHUB_ISSUER]: "GitHub Actions ID token" }[issuer] ?? "ID token";
  const tokenSays = claims
    ? `The token has iss "${claims.iss}", aud "${claims.aud}", sub "${claims.sub}".`
    : "The ID token's claims could not be read.";
  const options = { cause: error };

  if (code === "AccessDenied" || code === "IDPRejectedClaim") {
    const keys = providerHost(issuer);
    return new AwsAuthError(
      "TrustPolicyRejected",
      `The trust policy of role ${roleArn} rejected this ${token}. ${tokenSays} The policy must allow ` +
        `sts:AssumeRoleWithWebIdentity for the federated principal of the ${issuer} OIDC provider, with ` +
        `"${keys}:aud" equal to the aud above and "${keys}:sub" matching the sub above${subjectHint(issuer, claims)}. ` +
        awsSays,
      options,
    );
  }
  if (code === "InvalidIdentityToken") {
    return new AwsAuthError(
      "InvalidIdentityToken",
      `STS did not accept the ${token} for role ${roleArn}. ${tokenSays} Check that the AWS account has an IAM ` +
        `OIDC provider for ${issuer} and that its audiences (client IDs) include "${context.audience}". ${awsSays}`,
      options,
    );
  }
  if (code === "ExpiredToken") {
    return new AwsAuthError(
      "ExpiredToken",
      `STS found the ${token} expired, even after ${attempts} fresh tokens, for role ${roleArn}. ` +
        `Check this machine's clock. ${awsSays}`,
      options,
    );
  }
  if (code === "RegionDisabled") {
    return new AwsAuthError(
      "RegionDisabled",
      `STS is not activated in region ${context.region} for this account. Activate it (IAM > Account settings > ` +
        `Security Token Service endpoints) or set AWS_REGION to an active region. ${awsSays}`,
      options,
    );
  }
  const afterAttempts = attempts > 1 ? ` after ${attempts} attempts` : "";
  return new AwsAuthError(
    "StsRequestFailed",
    `STS AssumeRoleWithWebIdentity for role ${roleArn} failed${afterAttempts}. ${awsSays}`,
    options,
  );
}

// What the sub of each issuer is made of, and the mistakes its users make.
function subjectHint(issuer: string, claims: IdTokenClaims | undefined): string {
  if (issuer === AIRPLANE_ISSUER) {
    return ' (team, env and task, case-sensitive; runs under airplane dev have env "studio")';
  }
  if (issuer !== GITHUB_ISSUER) return " (case-sensitive)";
  const subject = claims ? parseGithubSubject(claims.sub) : undefined;
  if (subject && subject.environment === undefined) {
    return (
      " (case-sensitive). This job runs in no environment, so its sub names a ref or event instead: give the " +
      "job `environment: task-<slug>` as its workflow does"
    );
  }
  if (subject?.form === "immutable") {
    return (
      " (case-sensitive). This sub is in GitHub's immutable form, repo:<owner>@<owner id>/<repo>@<repo id>:" +
      "environment:<name>, the default for repositories created or renamed on or after 15 July 2026: the trust " +
      "policy must use that same form (a policy written for repo:<owner>/<repo>:... does not match it; " +
      "npm run setup -- --github <owner>/<repo> with the numeric IDs generates it)"
    );
  }
  return " (repository and environment, case-sensitive; the job's environment is task-<slug>)";
}

/**
 * Turns an sts:AssumeRole failure (a chained hop) into an error naming both roles and what the
 * member role's trust policy must allow. The usual refusal is a trust policy without
 * sts:TagSession: every chained session carries the run's tags, which need it.
 */
export function explainAssumeRoleError(
  error: unknown,
  {
    roleArn,
    sourceRoleArn,
    externalId,
  }: { roleArn: string; sourceRoleArn: string | undefined; externalId?: string | undefined },
): AwsAuthError {
  const code = awsErrorCode(error);
  const awsSays = `(STS: ${errorText(error)})`;
  const source = sourceRoleArn ? `role ${sourceRoleArn}` : "the task's credentials";
  if (code === "AccessDenied") {
    const tagSession = /sts:TagSession/.test(errorText(error))
      ? "STS refused sts:TagSession: the trust policy allows sts:AssumeRole but not sts:TagSession, which the run's session tags need. "
      : "";
    return new AwsAuthError(
      "TrustPolicyRejected",
      `Role ${roleArn} refused to be assumed by ${source}. ${tagSession}Its trust policy must allow both ` +
        `"sts:AssumeRole" and "sts:TagSession" for the principal ${sourceRoleArn ?? "of the task's role"}` +
        `${externalId ? `, with "sts:ExternalId" equal to the externalId given` : ""}; and ${source} must be allowed ` +
        `sts:AssumeRole and sts:TagSession on ${roleArn} (npm run iam generates both). ${awsSays}`,
      { cause: error },
    );
  }
  return new AwsAuthError("StsRequestFailed", `STS AssumeRole for role ${roleArn} from ${source} failed. ${awsSays}`, {
    cause: error,
  });
}
