import { errorText } from "@repo/error-text";
import { idToken } from "airplane/auth";
import { AwsAuthError, redactSecrets } from "./errors";
import { localRunCommand } from "./localRunCommand";

/**
 * An ID token from Airplane, through its SDK: it posts to `$AIRPLANE_API_HOST/v0/oidc/generateIDToken`
 * with the run's `AIRPLANE_TOKEN` and retries transient failures itself.
 */
export async function airplaneIdToken(audience: string): Promise<string> {
  if (!process.env.AIRPLANE_TOKEN) {
    throw new AwsAuthError(
      "NoIdTokenSource",
      "Cannot get an Airplane ID token: AIRPLANE_API_HOST and AIRPLANE_TOKEN are not both set, so this is not an " +
        `Airplane run. To run the task on the local stand-in, which plays Airplane: ${localRunCommand()}. ` +
        "Otherwise run it on Airplane or under `airplane dev`.",
    );
  }
  try {
    return await idToken(audience);
  } catch (error) {
    redactSecrets(error, [process.env.AIRPLANE_TOKEN]);
    const status = (error as { statusCode?: number }).statusCode;
    const hint =
      status === 401 || status === 403
        ? "AIRPLANE_TOKEN was refused: it is missing, expired or belongs to another Airplane host."
        : "Airplane's API could not be reached or failed.";
    throw new AwsAuthError(
      "IdTokenUnavailable",
      `Could not get an ID token for audience "${audience}" from ${process.env.AIRPLANE_API_HOST}: ${hint} ` +
        `(${errorText(error)})`,
      { cause: error },
    );
  }
}
