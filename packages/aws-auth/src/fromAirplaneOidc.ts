import { STSClient, type STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { airplaneIdToken, type IdTokenSource } from "./airplaneIdToken";
import { assumeRoleWithWebIdentity } from "./assumeRoleWithWebIdentity";
import { type CredentialCache, processCredentialCache } from "./credentialCache";
import { type AirplaneOidcOptions, type OidcConfig, resolveOidcConfig } from "./oidcConfig";
import type { RetryPolicy } from "./retry";

export interface FromAirplaneOidcInit extends AirplaneOidcOptions {
  /** Extra settings for the STS client (a logger, a request handler...). Its retries are ours. */
  clientConfig?: STSClientConfig;
  /** Where the ID token comes from. Default: Airplane's SDK, `auth.idToken(audience)`. */
  getIdToken?: IdTokenSource;
  /** Default: one cache for the whole process, so every client shares one STS session per role. */
  cache?: CredentialCache;
  retryPolicy?: RetryPolicy;
}

/**
 * AWS credentials for an Airplane run, with no stored key: Airplane's OIDC ID token exchanged for
 * the role's temporary credentials through STS AssumeRoleWithWebIdentity.
 *
 * One token fetch and one STS call per role per process: every provider with the same settings
 * shares them, concurrent first calls wait for the same exchange, and the credentials are renewed
 * with a new token five minutes before they expire.
 *
 * @example new S3Client({ credentials: fromAirplaneOidc({ roleArn }) })
 */
export function fromAirplaneOidc(init: FromAirplaneOidcInit = {}): AwsCredentialIdentityProvider {
  let shared: AwsCredentialIdentityProvider | undefined;
  return async () => {
    shared ??= sharedProvider(resolveOidcConfig(init, process.env), init);
    return shared();
  };
}

function sharedProvider(config: OidcConfig, init: FromAirplaneOidcInit) {
  const cache = init.cache ?? processCredentialCache;
  return cache.provider(JSON.stringify(config), () => {
    const sts = new STSClient({ ...init.clientConfig, region: config.region, maxAttempts: 1 });
    const getIdToken = init.getIdToken ?? airplaneIdToken;
    const retryPolicy = init.retryPolicy;
    return () => assumeRoleWithWebIdentity(config, { sts, getIdToken, ...(retryPolicy ? { retryPolicy } : {}) });
  });
}
