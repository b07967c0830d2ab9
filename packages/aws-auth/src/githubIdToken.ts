import { errorText } from "@repo/error-text";
import { AwsAuthError, redactSecrets } from "./errors";

/**
 * An ID token from GitHub Actions, through `@actions/core`'s `getIDToken`: GET
 * `$ACTIONS_ID_TOKEN_REQUEST_URL&audience=<aud>` with the job's `ACTIONS_ID_TOKEN_REQUEST_TOKEN` as
 * bearer, retried by its HTTP client, through HTTPS_PROXY when set. It also asks the runner to
 * mask the token in the job's log (`::add-mask::` on stdout, which the runner consumes).
 */
export async function githubIdToken(audience: string): Promise<string> {
  // import(), on GitHub only: @actions/core 3 is ESM-only, which Node 18 (Airplane's runtime, where
  // the bundle is CommonJS) cannot require() at start-up.
  const { getIDToken } = await import("@actions/core");
  try {
    return await getIDToken(audience);
  } catch (error) {
    // Its messages quote the token service's answer, which must not carry the bearer on.
    redactSecrets(error, [process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN]);
    throw new AwsAuthError(
      "IdTokenUnavailable",
      `Could not get an ID token for audience "${audience}" from GitHub Actions' token service ` +
        "(ACTIONS_ID_TOKEN_REQUEST_URL). Its request token lasts only as long as the job: run the step inside " +
        `the job that has "permissions: id-token: write". (${errorText(error)})`,
      { cause: error },
    );
  }
}
