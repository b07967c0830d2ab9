/** Overrides of the ID tokens a run (Airplane) or a job (GitHub) gets, for tests of STS's refusals. */
export interface IdTokenOverrides {
  /**
   * Another `iss`. A token with an issuer other than the stand-in's is signed with a key no JWKS
   * publishes, as a token from a foreign identity provider would be.
   */
  issuer?: string;
  /** Another `aud` (or several), whatever audience the task asks for. */
  audience?: string | string[];
  /** Seconds from issue to expiry; 0 or less issues a token that has already expired. */
  lifetimeSeconds?: number;
  /** `iat` this many seconds from now (3600: issued an hour in the future); `exp` follows it. */
  issuedAtOffsetSeconds?: number;
  /**
   * `unpublished-key`: signed with a key the issuer's JWKS does not list, as after a key rotation
   * STS has not seen (STS answers "Couldn't retrieve verification key"). `issuer`: signed with the
   * published key even under another `iss` (`https://api.airplane.dev/`), to test how STS matches it.
   */
  signingKey?: "issuer" | "unpublished-key";
  /** Leave out the `exp` claim, which STS requires. */
  withoutExpiry?: boolean;
  /** Leave out the `iat` claim, which OpenID Connect requires. */
  withoutIssuedAt?: boolean;
}
