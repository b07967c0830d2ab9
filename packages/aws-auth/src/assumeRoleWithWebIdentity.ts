import { AssumeRoleWithWebIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { AwsAuthError } from "./errors";
import type { IdTokenSource } from "./airplaneIdToken";
import { readIdTokenClaims } from "./idTokenClaims";
import type { OidcConfig } from "./oidcConfig";
import { redactIdTokens } from "./redact";
import { retry, type RetryPolicy } from "./retry";
import { explainStsError, isRetryableStsError, needsFreshIdToken } from "./stsErrors";

export interface ExchangeDependencies {
  sts: STSClient;
  getIdToken: IdTokenSource;
  retryPolicy?: RetryPolicy;
}

/**
 * One exchange: an ID token for the audience, then STS AssumeRoleWithWebIdentity. Transient STS
 * failures are retried with backoff, and with a new token where the old one is the problem.
 */
export async function assumeRoleWithWebIdentity(
  config: OidcConfig,
  { sts, getIdToken, retryPolicy }: ExchangeDependencies,
): Promise<AwsCredentialIdentity> {
  let token: string | undefined;
  let attempts = 0;
  try {
    const response = await retry(
      async (attempt, previousError) => {
        attempts = attempt;
        if (token === undefined || needsFreshIdToken(previousError)) token = await getIdToken(config.audience);
        return sts.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: config.roleArn,
            RoleSessionName: config.roleSessionName,
            WebIdentityToken: token,
            DurationSeconds: config.durationSeconds,
          }),
        );
      },
      isRetryableStsError,
      retryPolicy,
    );
    const credentials = response.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
      throw new AwsAuthError("StsRequestFailed", `STS returned no credentials for role ${config.roleArn}.`);
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
      ...accountIdOf(response.AssumedRoleUser?.Arn),
    };
  } catch (error) {
    if (error instanceof AwsAuthError) throw error;
    redactIdTokens(error);
    throw explainStsError(error, config, token ? await readIdTokenClaims(token) : undefined, attempts);
  }
}

// arn:aws:sts::123456789012:assumed-role/role/session: later calls that need the account ID
// (S3 Control, for one) read it from the credentials instead of asking STS again.
function accountIdOf(assumedRoleArn: string | undefined): { accountId?: string } {
  const accountId = assumedRoleArn?.split(":")[4];
  return accountId ? { accountId } : {};
}
