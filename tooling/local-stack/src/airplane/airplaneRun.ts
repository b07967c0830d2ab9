/** Overrides of the ID tokens a run gets, for tests of STS's refusals. */
export interface IdTokenOverrides {
  /**
   * Another `iss`. A token with an issuer other than the stand-in's is signed with a key no JWKS
   * publishes, as a token from a foreign identity provider would be.
   */
  issuer?: string;
  /** Another `aud`, whatever audience the task asks for. */
  audience?: string;
  /** Seconds from issue to expiry; 0 or less issues a token that has already expired. */
  lifetimeSeconds?: number;
  /**
   * `unpublished-key`: signed with a key the issuer's JWKS does not list, as after a key rotation
   * STS has not seen (STS answers "Couldn't retrieve verification key"). `issuer`: signed with the
   * published key even under another `iss` (`https://api.airplane.dev/`), to test how STS matches it.
   */
  signingKey?: "issuer" | "unpublished-key";
  /** Leave out the `exp` claim, which STS requires. */
  withoutExpiry?: boolean;
}

/** What the stand-in knows of one run: everything an ID token for it says. */
export interface AirplaneRun {
  runId: string;
  parentRunId?: string;
  taskId: string;
  taskSlug: string;
  taskName: string;
  teamId: string;
  envId: string;
  envSlug: string;
  envName: string;
  runnerId: string;
  runnerEmail: string;
  requesterId: string;
  requesterEmail: string;
  triggerId: string;
  idToken: IdTokenOverrides;
}
