import type * as CredentialProviders from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { markMemoized } from "./credentialCache";
import { AwsAuthError } from "./errors";
import { fromAirplaneOidc, type FromAirplaneOidcInit } from "./fromAirplaneOidc";

export type AuthMode = "oidc" | "default";

/**
 * How a run gets its credentials: Airplane OIDC where Airplane issues tokens (`AIRPLANE_API_HOST`
 * is set, as on Airplane and under `airplane dev`), the AWS SDK's default chain otherwise.
 * `AWS_AUTH_MODE=oidc|default` forces one.
 */
export function authMode(env: NodeJS.ProcessEnv): AuthMode {
  const forced = env.AWS_AUTH_MODE;
  if (forced === "oidc" || forced === "default") return forced;
  if (forced) {
    throw new AwsAuthError(
      "InvalidConfiguration",
      `AWS_AUTH_MODE "${forced}" is not a mode: use "oidc" (Airplane's ID token) or "default" (your AWS credentials), ` +
        "or unset it to choose by whether AIRPLANE_API_HOST is set.",
    );
  }
  return env.AIRPLANE_API_HOST ? "oidc" : "default";
}

/**
 * The provider for task code: on Airplane, credentials from Airplane OIDC (see `fromAirplaneOidc`);
 * in a plain local run, the credentials you already have (environment keys, SSO, shared profile),
 * which it says once on stderr.
 *
 * @example new S3Client({ credentials: fromAirplane() })
 */
export function fromAirplane(init: FromAirplaneOidcInit = {}): AwsCredentialIdentityProvider {
  const oidc = fromAirplaneOidc(init);
  // Both providers cache by themselves (the default chain is memoized by the SDK), so this one is too.
  return markMemoized(async (identityProperties) =>
    (authMode(process.env) === "oidc" ? oidc : defaultChain())(identityProperties),
  );
}

let defaultChainProvider: AwsCredentialIdentityProvider | undefined;

function defaultChain(): AwsCredentialIdentityProvider {
  if (!defaultChainProvider) {
    process.stderr.write(
      "aws-auth: not an Airplane run (AIRPLANE_API_HOST is not set), so AWS credentials come from the AWS SDK " +
        "default chain (environment keys, SSO, shared config and profiles) and AWS_ROLE_ARN is not assumed. " +
        "Set AWS_AUTH_MODE=oidc to require Airplane OIDC.\n",
    );
    // Loaded only here: a run on Airplane never needs the profile, SSO and IMDS providers. With
    // require(), not import(), which would start Node's ESM loader for a CommonJS package.
    // oxlint-disable-next-line typescript/no-require-imports
    const { fromNodeProviderChain } = require("@aws-sdk/credential-providers") as typeof CredentialProviders;
    const chain = fromNodeProviderChain();
    defaultChainProvider = async (identityProperties) => {
      try {
        return await chain(identityProperties);
      } catch (error) {
        throw new AwsAuthError(
          "NoLocalCredentials",
          "No AWS credentials: this is a local run (AIRPLANE_API_HOST is not set), so they come from the AWS SDK " +
            "default chain, which found none. Sign in (`aws sso login`, AWS_PROFILE or AWS_ACCESS_KEY_ID), or run " +
            "the task against the local stand-in (`npm run local-stack`) or on Airplane. " +
            `(${error instanceof Error ? error.message : String(error)})`,
          { cause: error },
        );
      }
    };
  }
  return defaultChainProvider;
}
