import { AssumeRoleWithWebIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { credentialIdentity } from "./credentialIdentity";
import { AwsAuthError } from "./errors";
import type { IdTokenSource } from "./airplaneIdToken";
import { readIdTokenClaims } from "./idTokenClaims";
import type { OidcConfig } from "./oidcConfig";
import { redactIdTokens } from "./redact";
import { retry, type RetryPolicy } from "./retry";
import { explainStsError, isRetryableStsError, needsFreshIdToken } from "./stsErrors";

export interface ExchangeDependencies {
  sts: STSClient;
  /** The STS client's region, named in errors. */
  region: string;
  getIdToken: IdTokenSource;
  retryPolicy?: RetryPolicy | undefined;
}

/**
 * One exchange: an ID token for the audience, then STS AssumeRoleWithWebIdentity. Transient STS
 * failures are retried with backoff, and with a new token where the old one is the problem.
 */
export async function assumeRoleWithWebIdentity(
  config: OidcConfig,
  { sts, region, getIdToken, retryPolicy }: ExchangeDependencies,
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
            ...config.sessionPolicy,
          }),
        );
      },
      isRetryableStsError,
      retryPolicy,
    );
    return credentialIdentity(response, config.roleArn);
  } catch (error) {
    if (error instanceof AwsAuthError) throw error;
    redactIdTokens(error);
    throw explainStsError(error, { ...config, region }, token ? await readIdTokenClaims(token) : undefined, attempts);
  }
}
