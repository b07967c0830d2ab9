import { matchWildcard } from "./wildcard";

/** `s3:Get*` against `s3:GetBucketTagging`: IAM compares action names case-insensitively. */
export function matchAction(pattern: string, action: string): boolean {
  return matchWildcard(pattern, action, { ignoreCase: true });
}
