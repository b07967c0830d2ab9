import { STS_AUDIENCE } from "@repo/oidc-issuers";
import { AwsAuthError } from "./errors";
import { roleSessionNameForRun, validateRoleSessionName } from "./roleSessionName";
import { sessionPolicyParameters, type SessionPolicyOptions } from "./sessionPolicy";

/** What a caller may set; everything else comes from the standard environment variables. */
export interface AirplaneOidcOptions extends SessionPolicyOptions {
  /** The IAM role to assume. Default: `AWS_ROLE_ARN`. */
  roleArn?: string;
  /** The STS region (its regional endpoint is used). Default: the calling client's, else `AWS_REGION`. */
  region?: string;
  /** The audience of the Airplane ID token; it must be in the IAM OIDC provider's client list. */
  audience?: string;
  /** Default: `AWS_ROLE_SESSION_NAME`, else the Airplane run ID and task slug. */
  roleSessionName?: string;
  /** 900 to 43200 seconds, capped by the role's maximum session duration. Default: 3600. */
  durationSeconds?: number;
}

/** The options with every default applied and every value checked; the region is the STS client's (stsClient.ts). */
export interface OidcConfig {
  roleArn: string;
  audience: string;
  roleSessionName: string;
  durationSeconds: number;
  /** The session policy as STS parameters (`Policy`, `PolicyArns`), checked. */
  sessionPolicy: ReturnType<typeof sessionPolicyParameters>;
}

const DEFAULT_DURATION_SECONDS = 3600;
const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 43200;
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

const ROLE_ARN_HINT =
  "On Airplane, map it from a config var in the task's envVars, for example " +
  'envVars: { AWS_ROLE_ARN: { config: "aws_role_arn_<task_slug>" } }; locally, export AWS_ROLE_ARN.';

export function resolveOidcConfig(options: AirplaneOidcOptions, env: NodeJS.ProcessEnv): OidcConfig {
  return {
    roleArn: resolveRoleArn(options.roleArn ?? env.AWS_ROLE_ARN),
    audience: options.audience ?? STS_AUDIENCE,
    roleSessionName: resolveRoleSessionName(options.roleSessionName, env),
    durationSeconds: resolveDuration(options.durationSeconds),
    sessionPolicy: sessionPolicyParameters(options, options.roleArn ?? env.AWS_ROLE_ARN ?? "the task's role"),
  };
}

function resolveRoleArn(roleArn: string | undefined): string {
  if (!roleArn) {
    throw new AwsAuthError("InvalidConfiguration", `No IAM role to assume: AWS_ROLE_ARN is not set. ${ROLE_ARN_HINT}`);
  }
  if (!ROLE_ARN.test(roleArn)) {
    throw new AwsAuthError(
      "InvalidConfiguration",
      `AWS_ROLE_ARN "${roleArn}" is not an IAM role ARN: expected arn:aws:iam::<12-digit account ID>:role/<role name>.`,
    );
  }
  return roleArn;
}

function resolveRoleSessionName(option: string | undefined, env: NodeJS.ProcessEnv): string {
  if (option !== undefined) return validateRoleSessionName(option, "roleSessionName");
  if (env.AWS_ROLE_SESSION_NAME) return validateRoleSessionName(env.AWS_ROLE_SESSION_NAME, "AWS_ROLE_SESSION_NAME");
  return roleSessionNameForRun(env);
}

function resolveDuration(durationSeconds: number | undefined): number {
  const duration = durationSeconds ?? DEFAULT_DURATION_SECONDS;
  if (!Number.isInteger(duration) || duration < MIN_DURATION_SECONDS || duration > MAX_DURATION_SECONDS) {
    throw new AwsAuthError(
      "InvalidConfiguration",
      `durationSeconds ${duration} is out of range: STS accepts whole seconds from ${MIN_DURATION_SECONDS} ` +
        `(15 minutes) to ${MAX_DURATION_SECONDS} (12 hours), capped by the role's maximum session duration.`,
    );
  }
  return duration;
}
