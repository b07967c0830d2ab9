import type { AssumedRoleUser, Credentials } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { AwsAuthError } from "./errors";

/**
 * An STS answer as the SDK's own role assumers return it: the keys, the expiry, the credential
 * scope when STS sends one (the STS model does not declare it yet; the SDK reads it the same way),
 * and the account ID from the assumed role's ARN (arn:aws:sts::<account>:assumed-role/...), which
 * S3 Control needs and would otherwise cost a GetCallerIdentity.
 */
export function credentialIdentity(
  { Credentials: credentials, AssumedRoleUser: user }: { Credentials?: Credentials; AssumedRoleUser?: AssumedRoleUser },
  roleArn: string,
): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
    throw new AwsAuthError("StsRequestFailed", `STS returned no credentials for role ${roleArn}.`);
  }
  const credentialScope = (credentials as { CredentialScope?: string }).CredentialScope;
  const accountId = user?.Arn?.split(":")[4];
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
    ...(credentialScope ? { credentialScope } : {}),
    ...(accountId ? { accountId } : {}),
  };
}
