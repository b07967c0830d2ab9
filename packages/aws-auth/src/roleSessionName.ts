import { AwsAuthError } from "./errors";

// STS's own rule for RoleSessionName; the SDK does not check it, so a bad name would only fail at
// the STS call, with a ValidationError that does not say which setting produced it.
const VALID_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const MAX_LENGTH = 64;

/**
 * The session name CloudTrail shows in every call made with the credentials
 * (`assumed-role/<role>/<session name>`): the Airplane run ID, plus the task slug when it fits,
 * so an audit can go from an AWS event to the run that caused it.
 */
export function roleSessionNameForRun(env: NodeJS.ProcessEnv): string {
  const runId = sanitize(env.AIRPLANE_RUN_ID ?? "");
  const taskSlug = sanitize(env.AIRPLANE_TASK_SLUG ?? "");
  if (runId) {
    const withSlug = taskSlug ? `${runId}.${taskSlug}` : runId;
    const name = withSlug.length <= MAX_LENGTH ? withSlug : runId.slice(0, MAX_LENGTH);
    return name.length >= 2 ? name : `run-${name}`;
  }
  return `airplane.${taskSlug || "task"}`.slice(0, MAX_LENGTH);
}

/** Checks a session name someone chose; a derived name is sanitized instead, never rejected. */
export function validateRoleSessionName(name: string, source: string): string {
  if (!VALID_SESSION_NAME.test(name)) {
    throw new AwsAuthError(
      "InvalidConfiguration",
      `${source} "${name}" is not a valid STS role session name: use 2 to 64 characters, ` +
        "each a letter, a digit or one of _ + = , . @ -.",
    );
  }
  return name;
}

function sanitize(value: string): string {
  return value.replace(/[^\w+=,.@-]/g, "-");
}
