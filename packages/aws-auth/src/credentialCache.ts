import { memoize } from "@smithy/property-provider";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/** Credentials are renewed this long before they expire, the margin the AWS SDK clients use too. */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

const isNearExpiry = (credentials: AwsCredentialIdentity): boolean =>
  credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS;
const canExpire = (credentials: AwsCredentialIdentity): boolean => credentials.expiration !== undefined;

/**
 * One memoized provider per key (role and settings), shared by every client and call in the
 * process. `memoize` from the SDK's own property-provider coalesces concurrent first calls into
 * one and calls the source again once the credentials are near expiry.
 */
export class CredentialCache {
  private readonly providers = new Map<string, AwsCredentialIdentityProvider>();

  provider(key: string, create: () => AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
    let provider = this.providers.get(key);
    if (!provider) {
      provider = memoize(create(), isNearExpiry, canExpire);
      this.providers.set(key, provider);
    }
    return provider;
  }
}

/** The cache every provider of this process uses unless given another. */
export const processCredentialCache = new CredentialCache();
