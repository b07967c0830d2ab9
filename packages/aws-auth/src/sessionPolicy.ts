import type { PolicyDescriptorType } from "@aws-sdk/client-sts";
import { AwsAuthError } from "./errors";

/** A session policy: the session may do only what both it and the role's policies allow. */
export interface SessionPolicyOptions {
  /** An inline policy document (JSON text or an object), at most 2,048 characters as JSON. */
  policy?: string | object;
  /** Managed policy ARNs, at most 10. */
  policyArns?: string[];
}

// STS's limits for AssumeRole and AssumeRoleWithWebIdentity, which the SDK does not check: a
// violation would only fail at the STS call, as a ValidationError naming neither option.
const MAX_POLICY_CHARACTERS = 2048;
const MAX_POLICY_ARNS = 10;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]{1,512}$/;

const invalid = (message: string) => new AwsAuthError("InvalidConfiguration", message);

/** The session policy as STS parameters, checked before STS sees it. */
export function sessionPolicyParameters(
  { policy, policyArns }: SessionPolicyOptions,
  role: string,
): { Policy?: string; PolicyArns?: PolicyDescriptorType[] } {
  const parameters: { Policy?: string; PolicyArns?: PolicyDescriptorType[] } = {};
  if (policy !== undefined) parameters.Policy = policyText(policy, role);
  if (policyArns !== undefined) {
    if (policyArns.length > MAX_POLICY_ARNS) {
      throw invalid(
        `The session for ${role} has ${policyArns.length} policyArns; STS takes at most ${MAX_POLICY_ARNS}. ` +
          "Combine them into fewer managed policies, or use an inline policy.",
      );
    }
    const bad = policyArns.find((arn) => !POLICY_ARN.test(arn));
    if (bad !== undefined) {
      throw invalid(
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
      throw new AwsAuthError("InvalidConfiguration", `The session policy for ${role} is not valid JSON.`, {
        cause: error,
      });
    }
  }
  if (typeof document !== "object" || document === null || !("Statement" in document)) {
    throw invalid(`The session policy for ${role} is not a policy document: it needs a "Statement".`);
  }
  // Sent minified: STS counts the characters it receives, whitespace included.
  const text = JSON.stringify(document);
  if (text.length > MAX_POLICY_CHARACTERS) {
    throw invalid(
      `The session policy for ${role} is ${text.length} characters as minified JSON; STS takes at most ` +
        `${MAX_POLICY_CHARACTERS}. Shorten it (wildcards in actions, fewer resources) or use policyArns.`,
    );
  }
  return text;
}
