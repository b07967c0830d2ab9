import type { AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import { AwsAuthError } from "./errors";
import { ROLE_ARN } from "./oidcConfig";
import { roleSessionNameForRun, validateRoleSessionName } from "./roleSessionName";
import { sessionPolicyParameters, type SessionPolicyOptions } from "./sessionPolicy";
import { sessionTagsForRun } from "./sessionTags";

/** The role of another account to chain into, from the task's own role. */
export interface ChainedRoleOptions extends SessionPolicyOptions {
  /** The role to assume, e.g. arn:aws:iam::<member account>:role/airplane-<task slug>. */
  roleArn: string;
  /** When the member role's trust policy requires `sts:ExternalId`. */
  externalId?: string;
  /** Default: the run ID and task slug, as for the first hop. */
  roleSessionName?: string;
  /** 900 to 3600: STS caps a chained session at one hour. Default: 3600. */
  durationSeconds?: number;
  /** Make the run's session tags transitive, so they pass on to any further hop. Default: false. */
  transitiveSessionTags?: boolean;
}

const CHAINED_MAX_DURATION_SECONDS = 3600;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** STS's rule for an ExternalId: 2 to 1224 letters, digits and _+=,.@:/- (a task checks its input with it). */
export const isExternalId = (value: string): boolean => EXTERNAL_ID.test(value);
const invalid = (message: string) => new AwsAuthError("InvalidConfiguration", message);

/** The AssumeRole parameters for a chained role, every value checked before STS sees it. */
export function chainedRoleParameters(options: ChainedRoleOptions, env: NodeJS.ProcessEnv): AssumeRoleCommandInput {
  const { roleArn, externalId, durationSeconds = CHAINED_MAX_DURATION_SECONDS } = options;
  if (!ROLE_ARN.test(roleArn)) {
    throw invalid(
      `roleArn "${roleArn}" is not an IAM role ARN: expected arn:aws:iam::<12-digit account ID>:role/<name>.`,
    );
  }
  if (externalId !== undefined && !isExternalId(externalId)) {
    throw invalid(
      `externalId for ${roleArn} must be 2 to 1224 characters, each a letter, a digit or one of _ + = , . @ : / -.`,
    );
  }
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > CHAINED_MAX_DURATION_SECONDS) {
    throw invalid(
      `durationSeconds ${durationSeconds} for ${roleArn} is out of range: a chained session lasts 900 to ` +
        `${CHAINED_MAX_DURATION_SECONDS} seconds (STS caps role chaining at one hour).`,
    );
  }
  const tags = sessionTagsForRun(env);
  return {
    RoleArn: roleArn,
    RoleSessionName:
      options.roleSessionName === undefined
        ? roleSessionNameForRun(env)
        : validateRoleSessionName(options.roleSessionName, "roleSessionName"),
    DurationSeconds: durationSeconds,
    ...(externalId !== undefined ? { ExternalId: externalId } : {}),
    ...sessionPolicyParameters(options, roleArn),
    ...(tags.length > 0 ? { Tags: tags } : {}),
    ...(options.transitiveSessionTags && tags.length > 0
      ? { TransitiveTagKeys: tags.map((tag) => tag.Key ?? "") }
      : {}),
  };
}
