import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from "@smithy/core";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/**
 * The only cache of credentials: one memoized session per key (a role and its settings), shared by
 * every client and call in the process. The SDK's own `memoizeIdentityProvider` coalesces
 * concurrent first calls into one, renews five minutes before expiry (the margin SDK clients use)
 * and honours `forceRefresh`. The providers built on it are marked `memoized`, so SDK clients do
 * not wrap them in a cache of their own.
 */
export class CredentialCache {
  private readonly sessions = new Map<string, AwsCredentialIdentityProvider>();

  session(key: string, create: () => AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
    let session = this.sessions.get(key);
    if (!session) {
      session = memoizeIdentityProvider<AwsCredentialIdentity>(create(), isIdentityExpired, doesIdentityRequireRefresh);
      this.sessions.set(key, session as AwsCredentialIdentityProvider);
    }
    return session as AwsCredentialIdentityProvider;
  }
}

/** The cache every provider of this process uses unless given another. */
export const processCredentialCache = new CredentialCache();

/** Tells SDK clients that a provider caches and renews by itself (see `normalizeCredentialProvider`). */
export function markMemoized<T extends AwsCredentialIdentityProvider>(provider: T): T {
  return Object.assign(provider, { memoized: true });
}
