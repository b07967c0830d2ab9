import type { STSClientConfig } from "@aws-sdk/client-sts";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { explainAssumeRoleError } from "./assumeRoleErrors";
import type { CredentialProviderProperties } from "./callerClientConfig";
import { type ChainedRoleOptions, chainedRoleParameters } from "./chainedRoleConfig";
import { type CredentialCache, markMemoized, processCredentialCache } from "./credentialCache";
import { fromAirplane } from "./fromAirplane";
import { stsClientConfig } from "./stsClient";

export interface FromAirplaneChainedRoleInit extends ChainedRoleOptions {
  /** The credentials that assume the role. Default: `fromAirplane()`, the task's own role. */
  source?: AwsCredentialIdentityProvider;
  /** The source role, named in errors. Default: `AWS_ROLE_ARN`. */
  sourceRoleArn?: string;
  /** The STS region. Default: the calling client's, else `AWS_REGION`. */
  region?: string;
  clientConfig?: STSClientConfig;
  cache?: CredentialCache;
}

/**
 * Credentials of a role in another account, assumed with sts:AssumeRole from the task's own role
 * (role chaining), through the SDK's `fromTemporaryCredentials`. Like the first hop: one session
 * per role and settings per process, renewed five minutes before expiry, STS called with the
 * calling client's settings. Each session is named after the run and carries its session tags.
 *
 * @example new S3Client({ ...awsClientSettings(), credentials: fromAirplaneChainedRole({ roleArn }) })
 */
export function fromAirplaneChainedRole(init: FromAirplaneChainedRoleInit): AwsCredentialIdentityProvider {
  const cache = init.cache ?? processCredentialCache;
  const source = init.source ?? fromAirplane();
  return markMemoized(async (properties: CredentialProviderProperties = {}) => {
    const params = chainedRoleParameters(init, process.env);
    return cache.session(`AssumeRole ${JSON.stringify(params)}`, () => chainedSession(params, source, init))(
      properties,
    );
  });
}

function chainedSession(
  params: ReturnType<typeof chainedRoleParameters>,
  source: AwsCredentialIdentityProvider,
  init: FromAirplaneChainedRoleInit,
): AwsCredentialIdentityProvider {
  let assume: AwsCredentialIdentityProvider | undefined;
  const roleArn = params.RoleArn ?? "";
  // fromTemporaryCredentials returns no account ID; the role's ARN tells it.
  const accountId = roleArn.split(":")[4];
  return async ({ callerClientConfig }: CredentialProviderProperties = {}) => {
    assume ??= fromTemporaryCredentials({
      masterCredentials: source,
      params,
      clientConfig: await stsClientConfig(callerClientConfig, init),
    });
    try {
      return { ...(await assume()), ...(accountId ? { accountId } : {}) };
    } catch (error) {
      const sourceRoleArn = init.sourceRoleArn ?? process.env.AWS_ROLE_ARN;
      throw explainAssumeRoleError(error, { roleArn, sourceRoleArn, externalId: params.ExternalId });
    }
  };
}
