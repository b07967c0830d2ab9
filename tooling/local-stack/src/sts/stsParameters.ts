import { ServiceError } from "../http/serviceError";

export interface AssumeRoleWithWebIdentityParameters {
  roleArn: string;
  roleSessionName: string;
  webIdentityToken: string;
  durationSeconds: number;
}

export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43200;
const DEFAULT_DURATION_SECONDS = 3600;
const SESSION_NAME = /^[\w+=,.@-]*$/;

/**
 * The request's parameters, checked as STS checks them (the SDK does not): every violation is
 * listed in one `ValidationError`, worded as AWS words it. The token's value is never echoed.
 */
export function assumeRoleWithWebIdentityParameters(
  parameters: Record<string, string>,
): AssumeRoleWithWebIdentityParameters {
  const problems: string[] = [];
  const violation = (value: string | undefined, member: string, constraint: string) =>
    problems.push(
      `Value ${value === undefined ? "null" : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`,
    );

  const { RoleArn: roleArn, RoleSessionName: roleSessionName, WebIdentityToken: token } = parameters;
  if (roleArn === undefined) violation(undefined, "roleArn", "Member must not be null");
  else if (roleArn.length < 20 || roleArn.length > 2048) {
    violation(roleArn, "roleArn", "Member must have length between 20 and 2048");
  }

  if (roleSessionName === undefined) violation(undefined, "roleSessionName", "Member must not be null");
  else if (roleSessionName.length < 2) {
    violation(roleSessionName, "roleSessionName", "Member must have length greater than or equal to 2");
  } else if (roleSessionName.length > 64) {
    violation(roleSessionName, "roleSessionName", "Member must have length less than or equal to 64");
  } else if (!SESSION_NAME.test(roleSessionName)) {
    violation(roleSessionName, "roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
  }

  if (token === undefined) violation(undefined, "webIdentityToken", "Member must not be null");
  else if (token.length < 4 || token.length > 20000) {
    problems.push(
      "Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between 4 and 20000",
    );
  }

  const rawDuration = parameters.DurationSeconds;
  const durationSeconds = rawDuration === undefined ? DEFAULT_DURATION_SECONDS : Number(rawDuration);
  if (!Number.isInteger(durationSeconds)) {
    violation(rawDuration, "durationSeconds", "Member must be a whole number");
  } else if (durationSeconds < MIN_DURATION_SECONDS) {
    violation(
      rawDuration,
      "durationSeconds",
      `Member must have value greater than or equal to ${MIN_DURATION_SECONDS}`,
    );
  } else if (durationSeconds > MAX_DURATION_SECONDS) {
    violation(rawDuration, "durationSeconds", `Member must have value less than or equal to ${MAX_DURATION_SECONDS}`);
  }

  if (parameters.Policy !== undefined || Object.keys(parameters).some((name) => name.startsWith("PolicyArns."))) {
    problems.push("Session policies (Policy, PolicyArns) are not supported by local-stack");
  }

  if (problems.length > 0) {
    const count = `${problems.length} validation error${problems.length > 1 ? "s" : ""} detected`;
    throw new ServiceError("ValidationError", 400, `${count}: ${problems.join("; ")}`);
  }
  return {
    roleArn: roleArn ?? "",
    roleSessionName: roleSessionName ?? "",
    webIdentityToken: token ?? "",
    durationSeconds,
  };
}
