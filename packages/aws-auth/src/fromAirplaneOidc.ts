import type { STSClient, STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { airplaneIdToken, type IdTokenSource } from "./airplaneIdToken";
import { assumeRoleWithWebIdentity } from "./assumeRoleWithWebIdentity";
import type { CredentialProviderProperties } from "./callerClientConfig";
import { type CredentialCache, markMemoized, processCredentialCache } from "./credentialCache";
import { type AirplaneOidcOptions, type OidcConfig, resolveOidcConfig } from "./oidcConfig";
import type { RetryPolicy } from "./retry";
import { stsClientFor } from "./stsClient";

export interface FromAirplaneOidcInit extends AirplaneOidcOptions {
  /** Settings for the STS client over those of the calling client (a logger, a request handler...). Its retries are ours. */
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
 * shares them, concurrent first calls wait for the same exchange, the credentials are renewed with a
 * new token five minutes before they expire, and `{ forceRefresh: true }` renews them at once. STS
 * is called with the region, request handler and logger of the client that first asks (as the
 * SDK's `fromWebToken` does), unless `region` or `clientConfig` say otherwise.
 *
 * @example new S3Client({ credentials: fromAirplaneOidc({ roleArn }) })
 */
export function fromAirplaneOidc(init: FromAirplaneOidcInit = {}): AwsCredentialIdentityProvider {
  const cache = init.cache ?? processCredentialCache;
  return markMemoized(async (properties: CredentialProviderProperties = {}) => {
    const config = resolveOidcConfig(init, process.env);
    return cache.session(JSON.stringify(config), () => oidcSession(config, init))(properties);
  });
}

/** One role's session: its STS client is made on the first exchange, from the first caller's settings. */
function oidcSession(config: OidcConfig, init: FromAirplaneOidcInit): AwsCredentialIdentityProvider {
  const getIdToken = init.getIdToken ?? airplaneIdToken;
  let client: { sts: STSClient; region: string } | undefined;
  return async ({ callerClientConfig }: CredentialProviderProperties = {}) => {
    client ??= await stsClientFor(callerClientConfig, init);
    return assumeRoleWithWebIdentity(config, { ...client, getIdToken, retryPolicy: init.retryPolicy });
  };
}
