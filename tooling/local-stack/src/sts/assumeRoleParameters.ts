import { ServiceError } from "../http/serviceError";

export interface AssumeRoleParameters {
  roleArn: string;
  roleSessionName: string;
  externalId?: string;
  durationSeconds: number;
  tags: Array<{ key: string; value: string }>;
}

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAGS = 50;

/** sts:AssumeRole's parameters, checked as STS checks them; every violation in one ValidationError. */
export function assumeRoleParameters(parameters: Record<string, string>): AssumeRoleParameters {
  const problems: string[] = [];
  const { RoleArn: roleArn = "", RoleSessionName: roleSessionName = "", ExternalId: externalId } = parameters;
  if (roleArn.length < 20 || roleArn.length > 2048) problems.push("'roleArn' must have length between 20 and 2048");
  if (!SESSION_NAME.test(roleSessionName)) {
    problems.push("'roleSessionName' must be 2 to 64 characters of pattern [\\w+=,.@-]*");
  }
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
    problems.push("'externalId' must be 2 to 1224 characters of pattern [\\w+=,.@:/-]*");
  }
  const durationSeconds = parameters.DurationSeconds === undefined ? 3600 : Number(parameters.DurationSeconds);
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200) {
    problems.push("'durationSeconds' must be a whole number from 900 to 43200");
  }
  const tags: Array<{ key: string; value: string }> = [];
  for (let n = 1; parameters[`Tags.member.${n}.Key`] !== undefined; n++) {
    tags.push({ key: parameters[`Tags.member.${n}.Key`] ?? "", value: parameters[`Tags.member.${n}.Value`] ?? "" });
  }
  if (tags.length > MAX_TAGS) problems.push(`'tags' must have at most ${MAX_TAGS} members`);
  for (const { key, value } of tags) {
    if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) problems.push(`tag key '${key}' is not valid`);
    if (value.length > 256 || !TAG_TEXT.test(value)) problems.push(`the value of tag '${key}' is not valid`);
  }
  if (parameters.Policy !== undefined || Object.keys(parameters).some((name) => name.startsWith("PolicyArns."))) {
    problems.push("Session policies (Policy, PolicyArns) are not supported by local-stack");
  }
  if (problems.length > 0) {
    throw new ServiceError(
      "ValidationError",
      400,
      `${problems.length} validation error(s) detected: ${problems.join("; ")}`,
    );
  }
  return { roleArn, roleSessionName, ...(externalId !== undefined ? { externalId } : {}), durationSeconds, tags };
}
