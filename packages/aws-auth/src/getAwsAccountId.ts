import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

/**
 * The AWS account the credentials belong to, which some APIs (S3 Control) take as a parameter.
 * Credentials from `fromAirplane` carry it already (from the assumed role's ARN); others may not,
 * and then STS GetCallerIdentity, which any credentials may call, tells.
 */
export async function getAwsAccountId(credentials: AwsCredentialIdentityProvider, region?: string): Promise<string> {
  const { accountId } = await credentials();
  if (accountId) return accountId;
  const sts = new STSClient({ credentials, ...(region ? { region } : {}) });
  const { Account } = await sts.send(new GetCallerIdentityCommand({}));
  if (!Account) throw new Error("STS GetCallerIdentity returned no account ID.");
  return Account;
}
