import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { errorText } from "@repo/error-text";
import { STS_AUDIENCE } from "@repo/oidc-issuers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { type CredentialCache, markMemoized, processCredentialCache } from "./credentialCache";
import { credentialSource, type IdTokenSource, OIDC_SOURCES } from "./credentialSource";
import { AwsAuthError, invalidConfiguration } from "./errors";
import type { RetryPolicy } from "./retry";
import { roleSessionNameForRun } from "./run";
import {
  checkDuration,
  checkRoleArn,
  checkRoleSessionName,
  sessionPolicyParameters,
  type SessionPolicyOptions,
} from "./settings";
import type { ProviderProperties, StsOptions } from "./stsClientConfig";
import { type WebIdentityParameters, webIdentitySession } from "./webIdentitySession";
import { localRunCommand } from "./localRunCommand";

/** The options of `fromTaskRole`; everything else comes from the standard environment variables. */
export interface TaskRoleOptions extends SessionPolicyOptions, StsOptions {
  /** The IAM role to assume. Default: `AWS_ROLE_ARN`. */
  roleArn?: string;
  /** The audience of the ID token; it must be in the IAM OIDC provider's client list. Default: sts.amazonaws.com. */
  audience?: string;
  /** Default: `AWS_ROLE_SESSION_NAME`, else the run and the task slug (see run.ts). */
  roleSessionName?: string;
  /** 900 to 43200 seconds, capped by the role's maximum session duration. Default: 3600. */
  durationSeconds?: number;
  /** Where the ID token comes from. Default: the source where the run is (credentialSource.ts). */
  getIdToken?: IdTokenSource;
  /** Default: one cache for the whole process, so every client shares one STS session per role. */
  cache?: CredentialCache;
  /** How transient STS failures are retried. Default: 4 attempts, capped exponential backoff. */
  retryPolicy?: RetryPolicy;
}

const DEFAULT_DURATION_SECONDS = 3600;
const MAX_DURATION_SECONDS = 43200;

/**
 * The credentials of the task's own role, wherever the run is: an OIDC ID token (Airplane's,
 * GitHub Actions', or a token file's) exchanged with STS AssumeRoleWithWebIdentity; on a plain
 * local run, the AWS SDK's default chain (said once on stderr). `AWS_AUTH_MODE` forces a source.
 *
 * One token fetch and one STS call per role per process: every provider with the same settings
 * shares them, concurrent first calls wait for the same exchange, the credentials are renewed with a
 * fresh token five minutes before they expire, and `{ forceRefresh: true }` renews them at once.
 *
 * @example new S3Client({ ...awsClientSettings(), credentials: fromTaskRole() })
 */
export function fromTaskRole(options: TaskRoleOptions = {}): AwsCredentialIdentityProvider {
  const cache = options.cache ?? processCredentialCache;
  // Memoized by the cache (or by the SDK, for the default chain): clients need add no cache of their own.
  return markMemoized(async (properties: ProviderProperties = {}) => {
    const source = tokenSource(options.getIdToken, process.env);
    if (!source) return defaultChain()(properties);
    const parameters = webIdentityParameters(options, process.env);
    const key = JSON.stringify({ source: source.name, ...parameters });
    const { getIdToken, issuer } = source;
    const { region, clientConfig, retryPolicy } = options;
    const session = () => webIdentitySession(parameters, { getIdToken, issuer, region, clientConfig, retryPolicy });
    return cache.session(key, session)(properties);
  });
}

/** The given token source, else the one where the run is; undefined for the SDK's default chain. */
function tokenSource(given: IdTokenSource | undefined, env: NodeJS.ProcessEnv) {
  if (given) return { name: "given", getIdToken: given, issuer: undefined };
  const name = credentialSource(env);
  return name === "default" ? undefined : { name, ...OIDC_SOURCES[name] };
}

function webIdentityParameters(options: TaskRoleOptions, env: NodeJS.ProcessEnv): WebIdentityParameters {
  const roleArn = options.roleArn ?? env.AWS_ROLE_ARN;
  if (!roleArn) {
    throw invalidConfiguration(
      "No IAM role to assume: AWS_ROLE_ARN is not set. On Airplane, map it from a config var in the task's " +
        'envVars, for example envVars: { AWS_ROLE_ARN: { config: "aws_role_arn_<task_slug>" } }; on GitHub ' +
        "Actions, set the AWS_ROLE_ARN variable of the task's environment; locally, export AWS_ROLE_ARN.",
    );
  }
  return {
    roleArn: checkRoleArn(roleArn, options.roleArn ? "roleArn" : "AWS_ROLE_ARN"),
    audience: options.audience ?? STS_AUDIENCE,
    roleSessionName:
      options.roleSessionName !== undefined
        ? checkRoleSessionName(options.roleSessionName, "roleSessionName")
        : env.AWS_ROLE_SESSION_NAME
          ? checkRoleSessionName(env.AWS_ROLE_SESSION_NAME, "AWS_ROLE_SESSION_NAME")
          : roleSessionNameForRun(env),
    durationSeconds: checkDuration(
      options.durationSeconds ?? DEFAULT_DURATION_SECONDS,
      MAX_DURATION_SECONDS,
      "(12 hours), capped by the role's maximum session duration",
    ),
    sessionPolicy: sessionPolicyParameters(options, roleArn),
  };
}

let defaultChainProvider: AwsCredentialIdentityProvider | undefined;

function defaultChain(): AwsCredentialIdentityProvider {
  if (!defaultChainProvider) {
    process.stderr.write(
      "aws-auth: no OIDC token here (none of AIRPLANE_API_HOST, ACTIONS_ID_TOKEN_REQUEST_URL, " +
        "AWS_WEB_IDENTITY_TOKEN_FILE is set), so AWS credentials come from the AWS SDK default chain (environment " +
        "keys, SSO, shared config and profiles) and AWS_ROLE_ARN is not assumed. Set AWS_AUTH_MODE=oidc to require " +
        "an OIDC token.\n",
    );
    const chain = fromNodeProviderChain();
    defaultChainProvider = async (properties) => {
      try {
        return await chain(properties);
      } catch (error) {
        throw new AwsAuthError(
          "NoLocalCredentials",
          "No AWS credentials: this run has no OIDC token, so they come from the AWS SDK default chain, which found " +
            `none. To run the task on the local stand-in (no AWS account needed): ${localRunCommand()}. Otherwise ` +
            "sign in to AWS (`aws sso login`, AWS_PROFILE or AWS_ACCESS_KEY_ID), or run it in its GitHub Actions " +
            `workflow or on Airplane. (${errorText(error)})`,
          { cause: error },
        );
      }
    };
  }
  return defaultChainProvider;
}
