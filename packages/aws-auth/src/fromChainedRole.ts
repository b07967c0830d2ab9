import type { AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { type CredentialCache, markMemoized, processCredentialCache } from "./credentialCache";
import { invalidConfiguration } from "./errors";
import { fromTaskRole } from "./fromTaskRole";
import { roleSessionNameForRun, sessionTagsForRun } from "./run";
import {
  accountOfArn,
  checkDuration,
  checkRoleArn,
  checkRoleSessionName,
  isExternalId,
  sessionPolicyParameters,
  type SessionPolicyOptions,
} from "./settings";
import { type ProviderProperties, type StsOptions, stsClientConfig } from "./stsClientConfig";
import { explainAssumeRoleError } from "./stsErrors";

/** The options of `fromChainedRole`: the role of another account to chain into. */
export interface ChainedRoleOptions extends SessionPolicyOptions, StsOptions {
  /** The role to assume, e.g. arn:aws:iam::<member account>:role/airplane-<task slug>. */
  roleArn: string;
  /** When the member role's trust policy requires `sts:ExternalId`. */
  externalId?: string;
  /** Default: the run and the task slug, as for the first hop. */
  roleSessionName?: string;
  /** 900 to 3600: STS caps a chained session at one hour. Default: 3600. */
  durationSeconds?: number;
  /** Make the run's session tags transitive, so they pass on to any further hop. Default: false. */
  transitiveSessionTags?: boolean;
  /** The credentials that assume the role. Default: `fromTaskRole()`, the task's own role, from whatever source. */
  source?: AwsCredentialIdentityProvider;
  /** The source role, named in errors. Default: `AWS_ROLE_ARN`. */
  sourceRoleArn?: string;
  cache?: CredentialCache;
}

const CHAINED_MAX_DURATION_SECONDS = 3600;

/**
 * Credentials of a role in another account, assumed with sts:AssumeRole from the task's own role
 * (role chaining), through the SDK's `fromTemporaryCredentials`. Like the first hop: one session
 * per role and settings per process, renewed five minutes before expiry, STS called with the
 * calling client's settings. Each session is named after the run and carries its session tags.
 *
 * @example new S3Client({ ...awsClientSettings(), credentials: fromChainedRole({ roleArn }) })
 */
export function fromChainedRole(options: ChainedRoleOptions): AwsCredentialIdentityProvider {
  const cache = options.cache ?? processCredentialCache;
  const source = options.source ?? fromTaskRole();
  return markMemoized(async (properties: ProviderProperties = {}) => {
    const params = assumeRoleParameters(options, process.env);
    return cache.session(`AssumeRole ${JSON.stringify(params)}`, () => chainedSession(params, source, options))(
      properties,
    );
  });
}

function chainedSession(
  params: AssumeRoleCommandInput & { RoleArn: string },
  source: AwsCredentialIdentityProvider,
  options: ChainedRoleOptions,
): AwsCredentialIdentityProvider {
  let assume: AwsCredentialIdentityProvider | undefined;
  // fromTemporaryCredentials returns no account ID; the role's ARN tells it.
  const accountId = accountOfArn(params.RoleArn);
  return async ({ callerClientConfig }: ProviderProperties = {}) => {
    if (!assume) {
      const clientConfig = await stsClientConfig(callerClientConfig, options);
      // Given apart: fromTemporaryCredentials sets the caller's own logger over clientConfig's.
      assume = fromTemporaryCredentials({
        masterCredentials: source,
        params,
        clientConfig,
        logger: clientConfig.logger,
      });
    }
    try {
      return { ...(await assume()), ...(accountId ? { accountId } : {}) };
    } catch (error) {
      const sourceRoleArn = options.sourceRoleArn ?? process.env.AWS_ROLE_ARN;
      throw explainAssumeRoleError(error, { roleArn: params.RoleArn, sourceRoleArn, externalId: params.ExternalId });
    }
  };
}

/** The AssumeRole parameters for a chained role, every value checked before STS sees it. */
function assumeRoleParameters(
  options: ChainedRoleOptions,
  env: NodeJS.ProcessEnv,
): AssumeRoleCommandInput & { RoleArn: string } {
  const { roleArn, externalId, durationSeconds = CHAINED_MAX_DURATION_SECONDS } = options;
  checkRoleArn(roleArn, "roleArn");
  if (externalId !== undefined && !isExternalId(externalId)) {
    throw invalidConfiguration(
      `externalId for ${roleArn} must be 2 to 1224 characters, each a letter, a digit or one of _ + = , . @ : / -.`,
    );
  }
  const tags = sessionTagsForRun(env);
  return {
    RoleArn: roleArn,
    RoleSessionName:
      options.roleSessionName === undefined
        ? roleSessionNameForRun(env)
        : checkRoleSessionName(options.roleSessionName, "roleSessionName"),
    DurationSeconds: checkDuration(
      durationSeconds,
      CHAINED_MAX_DURATION_SECONDS,
      "(one hour): STS caps role chaining at one hour",
    ),
    ...(externalId !== undefined ? { ExternalId: externalId } : {}),
    ...sessionPolicyParameters(options, roleArn),
    ...(tags.length > 0 ? { Tags: tags } : {}),
    ...(options.transitiveSessionTags && tags.length > 0
      ? { TransitiveTagKeys: tags.map((tag) => tag.Key ?? "") }
      : {}),
  };
}
