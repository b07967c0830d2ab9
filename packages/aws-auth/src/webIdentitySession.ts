import { getDefaultRoleAssumerWithWebIdentity } from "@aws-sdk/client-sts";
import { fromWebToken } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { IdTokenSource } from "./credentialSource";
import { AwsAuthError, redactSecrets } from "./errors";
import { retry, type RetryPolicy } from "./retry";
import type { SessionPolicyParameters } from "./settings";
import { type ProviderProperties, type StsOptions, stsClientConfig } from "./stsClientConfig";
import { explainWebIdentityError, isRetryableStsError, needsFreshIdToken, readIdTokenClaims } from "./stsErrors";

/** One role's AssumeRoleWithWebIdentity parameters, every value checked. */
export interface WebIdentityParameters {
  roleArn: string;
  audience: string;
  roleSessionName: string;
  durationSeconds: number;
  sessionPolicy: SessionPolicyParameters;
}

export interface WebIdentitySessionOptions extends StsOptions {
  getIdToken: IdTokenSource;
  /** The issuer to name in errors when the token cannot be read. */
  issuer?: string | undefined;
  retryPolicy?: RetryPolicy | undefined;
}

/**
 * One role's exchange: an ID token, then STS AssumeRoleWithWebIdentity through the SDK's
 * `fromWebToken` and its role assumer (which returns `accountId` and `credentialScope`), with an
 * STS client made once, from the settings of the client that first asks. `fromWebToken` takes one
 * token and tries once, so each attempt builds one: transient failures are retried by error class
 * (retry.ts), with a fresh token where the token is the problem, and every renewal gets a new one.
 */
export function webIdentitySession(
  parameters: WebIdentityParameters,
  options: WebIdentitySessionOptions,
): AwsCredentialIdentityProvider {
  let sts: { assume: ReturnType<typeof getDefaultRoleAssumerWithWebIdentity>; region: string } | undefined;
  return async ({ callerClientConfig }: ProviderProperties = {}) => {
    if (!sts) {
      // Retries are ours, so the STS client makes one attempt.
      const config = await stsClientConfig(callerClientConfig, {
        ...options,
        clientConfig: { ...options.clientConfig, maxAttempts: 1 },
      });
      sts = { assume: getDefaultRoleAssumerWithWebIdentity(config), region: config.region };
    }
    return exchange(parameters, options, sts);
  };
}

async function exchange(
  { roleArn, audience, roleSessionName, durationSeconds, sessionPolicy }: WebIdentityParameters,
  { getIdToken, issuer, retryPolicy }: WebIdentitySessionOptions,
  sts: { assume: ReturnType<typeof getDefaultRoleAssumerWithWebIdentity>; region: string },
): Promise<AwsCredentialIdentity> {
  let token: string | undefined;
  let attempts = 0;
  try {
    return await retry(
      async (attempt, previousError) => {
        attempts = attempt;
        if (token === undefined || needsFreshIdToken(previousError)) token = await getIdToken(audience);
        return fromWebToken({
          roleArn,
          roleSessionName,
          webIdentityToken: token,
          durationSeconds,
          ...(sessionPolicy.Policy !== undefined ? { policy: sessionPolicy.Policy } : {}),
          ...(sessionPolicy.PolicyArns !== undefined ? { policyArns: sessionPolicy.PolicyArns } : {}),
          roleAssumerWithWebIdentity: sts.assume,
        })();
      },
      isRetryableStsError,
      retryPolicy,
    );
  } catch (error) {
    if (error instanceof AwsAuthError) throw error;
    redactSecrets(error);
    const claims = token ? await readIdTokenClaims(token) : undefined;
    throw explainWebIdentityError(error, { roleArn, audience, region: sts.region, claims, issuer, attempts });
  }
}
