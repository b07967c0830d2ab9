import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

/**
 * The AWS account the credentials belong to, which some APIs (S3 Control) take as a parameter.
 * Credentials from `fromTaskRole` and `fromChainedRole` carry it already (from the assumed role's ARN); others may not,
 * and then STS GetCallerIdentity, which any credentials may call, tells. The STS client takes the
 * caller's settings (region, request handler, logger), and asks the provider through itself, so
 * the provider sees them too.
 */
export async function getAwsAccountId(
  credentials: AwsCredentialIdentityProvider,
  clientConfig: Pick<STSClientConfig, "region" | "requestHandler" | "logger"> = {},
): Promise<string> {
  const sts = new STSClient({ ...clientConfig, credentials });
  const { accountId } = await sts.config.credentials();
  if (accountId) return accountId;
  const { Account } = await sts.send(new GetCallerIdentityCommand({}));
  if (!Account) throw new Error("STS GetCallerIdentity returned no account ID.");
  return Account;
}
