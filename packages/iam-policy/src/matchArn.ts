import { matchWildcard } from "./wildcard";

// arn:partition:service:region:account:resource; the resource part may itself contain colons.
const ARN_PREFIX_SEGMENTS = 5;

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length <= ARN_PREFIX_SEGMENTS || parts[0] !== "arn") return undefined;
  return [...parts.slice(0, ARN_PREFIX_SEGMENTS), parts.slice(ARN_PREFIX_SEGMENTS).join(":")];
}

/**
 * A `Resource` pattern against a resource ARN, case-sensitively, as IAM does: wildcards act within
 * each colon-separated segment (`arn:aws:s3:::demo-*` matches `arn:aws:s3:::demo-bucket`, and a
 * `*` in the region segment does not swallow the account). A pattern with fewer segments than an
 * ARN, such as `arn:aws:s3:*`, is matched as a whole string, so its trailing `*` reaches past the
 * colons, which IAM documents for a `*` that ends a segment.
 */
export function matchArn(pattern: string, arn: string): boolean {
  if (pattern === "*") return true;
  const patternSegments = splitArn(pattern);
  const arnSegments = splitArn(arn);
  if (!patternSegments || !arnSegments) return matchWildcard(pattern, arn);
  return patternSegments.every((segment, index) => matchWildcard(segment, arnSegments[index] ?? ""));
}
