import { normalizePolicy, PolicyParseError, type NormalizedPolicy, type PolicyStatement } from "@repo/iam-policy";

export interface TrustPolicy {
  policy: NormalizedPolicy;
  /** The statements as written, by index, to show a person the statement at fault. */
  statements: PolicyStatement[];
}

/**
 * Reads a trust policy given as an object, as JSON text, or URL-encoded as IAM's GetRole and
 * ListRoles return `AssumeRolePolicyDocument` (the AWS CLI decodes it; the SDKs do not). Throws
 * `PolicyParseError` when it is none of these or not a policy IAM would accept.
 */
export function readTrustPolicy(input: unknown): TrustPolicy {
  const document = typeof input === "string" ? parseDocumentText(input) : input;
  const policy = normalizePolicy(document);
  const written = (document as { Statement: unknown }).Statement;
  const statements = (Array.isArray(written) ? written : [written]) as PolicyStatement[];
  return { policy, statements };
}

function parseDocumentText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) return parseJson(trimmed, "The policy");
  if (!/^%7b/i.test(trimmed)) {
    throw new PolicyParseError(
      "",
      `The policy is neither JSON nor URL-encoded JSON (it starts with ${JSON.stringify(trimmed.slice(0, 20))}).`,
    );
  }
  const decoded = decodeUrl(trimmed);
  try {
    return JSON.parse(decoded);
  } catch {
    // Form encoding writes a space as "+"; RFC 3986, which IAM follows, writes %20 and keeps "+" as %2B.
    return parseJson(decodeUrl(trimmed.replaceAll("+", "%20")), "The URL-decoded policy");
  }
}

function decodeUrl(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    throw new PolicyParseError("", `The policy looks URL-encoded but does not decode: ${(error as Error).message}.`);
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyParseError("", `${what} is not valid JSON: ${(error as Error).message}`);
  }
}
