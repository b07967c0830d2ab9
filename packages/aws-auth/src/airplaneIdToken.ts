import { idToken } from "airplane/auth";
import { AwsAuthError } from "./errors";

/** Issues an OIDC ID token for an audience. The default is Airplane's, through its SDK. */
export type IdTokenSource = (audience: string) => Promise<string>;

/**
 * Asks Airplane for an ID token with the official SDK, which posts to
 * `$AIRPLANE_API_HOST/v0/oidc/generateIDToken` with the run's `AIRPLANE_TOKEN` and retries
 * transient failures itself.
 */
export const airplaneIdToken: IdTokenSource = async (audience) => {
  const env = process.env;
  if (!env.AIRPLANE_API_HOST || !env.AIRPLANE_TOKEN) {
    throw new AwsAuthError(
      "NotOnAirplane",
      "Cannot get an Airplane ID token: AIRPLANE_API_HOST and AIRPLANE_TOKEN are not both set, so this is not an " +
        "Airplane run. Run the task on Airplane or under `airplane dev`, point these variables at the local " +
        "stand-in (`npm run local-stack`), or unset AWS_AUTH_MODE to use your own AWS credentials.",
    );
  }
  try {
    return await idToken(audience);
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    const hint =
      status === 401 || status === 403
        ? "AIRPLANE_TOKEN was refused: it is missing, expired or belongs to another Airplane host."
        : "Airplane's API could not be reached or failed.";
    throw new AwsAuthError(
      "IdTokenUnavailable",
      `Could not get an ID token for audience "${audience}" from ${env.AIRPLANE_API_HOST}: ${hint} ` +
        `(${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
};
