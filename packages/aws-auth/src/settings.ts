import type { PolicyDescriptorType } from "@aws-sdk/client-sts";
import { invalidConfiguration } from "./errors";

// STS's own rules, which the SDK does not check: a violation would only fail at the STS call, as a
// ValidationError that names neither the option nor the variable that produced it.
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]{1,512}$/;
const MAX_POLICY_CHARACTERS = 2048;
const MAX_POLICY_ARNS = 10;
export const MIN_DURATION_SECONDS = 900;

/** A session policy: the session may do only what both it and the role's policies allow. */
export interface SessionPolicyOptions {
  /** An inline policy document (JSON text or an object), at most 2,048 characters as JSON. */
  policy?: string | object;
  /** Managed policy ARNs, at most 10. */
  policyArns?: string[];
}

/** The session policy as STS takes it. */
export interface SessionPolicyParameters {
  Policy?: string;
  PolicyArns?: PolicyDescriptorType[];
}

/** `source` names where the value came from (an option or a variable), for the message. */
export function checkRoleArn(roleArn: string, source: string): string {
  if (!ROLE_ARN.test(roleArn)) {
    throw invalidConfiguration(
      `${source} "${roleArn}" is not an IAM role ARN: expected arn:aws:iam::<12-digit account ID>:role/<role name>.`,
    );
  }
  return roleArn;
}

/** The account of a role or an assumed role: `arn:aws:iam::<account>:role/...`. */
export function accountOfArn(arn: string): string | undefined {
  return arn.split(":")[4] || undefined;
}

/** Whole seconds from 900 to `max`; `why` follows the maximum in the message and says where it comes from. */
export function checkDuration(durationSeconds: number, max: number, why: string): number {
  if (!Number.isInteger(durationSeconds) || durationSeconds < MIN_DURATION_SECONDS || durationSeconds > max) {
    throw invalidConfiguration(
      `durationSeconds ${durationSeconds} is out of range: STS accepts whole seconds from ${MIN_DURATION_SECONDS} ` +
        `(15 minutes) to ${max} ${why}.`,
    );
  }
  return durationSeconds;
}

/** Checks a session name someone chose; a name derived from the run is sanitized instead, never rejected. */
export function checkRoleSessionName(name: string, source: string): string {
  if (!ROLE_SESSION_NAME.test(name)) {
    throw invalidConfiguration(
      `${source} "${name}" is not a valid STS role session name: use 2 to 64 characters, ` +
        "each a letter, a digit or one of _ + = , . @ -.",
    );
  }
  return name;
}

/** STS's rule for an ExternalId: 2 to 1224 letters, digits and _+=,.@:/- (a task checks its input with it). */
export const isExternalId = (value: string): boolean => EXTERNAL_ID.test(value);

/** The session policy as STS parameters, checked before STS sees it. */
export function sessionPolicyParameters(
  { policy, policyArns }: SessionPolicyOptions,
  role: string,
): SessionPolicyParameters {
  const parameters: SessionPolicyParameters = {};
  if (policy !== undefined) parameters.Policy = policyText(policy, role);
  if (policyArns !== undefined) {
    if (policyArns.length > MAX_POLICY_ARNS) {
      throw invalidConfiguration(
        `The session for ${role} has ${policyArns.length} policyArns; STS takes at most ${MAX_POLICY_ARNS}. ` +
          "Combine them into fewer managed policies, or use an inline policy.",
      );
    }
    const bad = policyArns.find((arn) => !POLICY_ARN.test(arn));
    if (bad !== undefined) {
      throw invalidConfiguration(
        `policyArns entry "${bad}" is not a managed policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess.`,
      );
    }
    parameters.PolicyArns = policyArns.map((arn) => ({ arn }));
  }
  return parameters;
}

function policyText(policy: string | object, role: string): string {
  let document: unknown = policy;
  if (typeof policy === "string") {
    try {
      document = JSON.parse(policy);
    } catch (error) {
      throw invalidConfiguration(`The session policy for ${role} is not valid JSON.`, error);
    }
  }
  if (typeof document !== "object" || document === null || !("Statement" in document)) {
    throw invalidConfiguration(`The session policy for ${role} is not a policy document: it needs a "Statement".`);
  }
  // Sent minified: STS counts the characters it receives, whitespace included.
  const text = JSON.stringify(document);
  if (text.length > MAX_POLICY_CHARACTERS) {
    throw invalidConfiguration(
      `The session policy for ${role} is ${text.length} characters as minified JSON; STS takes at most ` +
        `${MAX_POLICY_CHARACTERS}. Shorten it (wildcards in actions, fewer resources) or use policyArns.`,
    );
  }
  return text;
}
