export interface Tag {
  key: string;
  value: string;
}

/** S3's limit of tags on a bucket, for PutBucketTagging and S3 Control TagResource alike. */
export const MAX_BUCKET_TAGS = 50;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
// AWS's documented pattern for tag keys and values: letters, separators (spaces), digits, _ . : / = + - @.
const ALLOWED_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const RESERVED_PREFIX = /^aws:/i;

/**
 * What S3 answers `InvalidTag` for, as its message, or undefined when the tag is valid. Lengths
 * count characters (code points), as AWS does, not UTF-16 units or bytes.
 */
export function tagProblem({ key, value }: Tag): string | undefined {
  const keyLength = [...key].length;
  if (keyLength < 1 || keyLength > MAX_KEY_LENGTH || !ALLOWED_CHARACTERS.test(key)) {
    return "The TagKey you have provided is invalid";
  }
  if ([...value].length > MAX_VALUE_LENGTH || !ALLOWED_CHARACTERS.test(value)) {
    return "The TagValue you have provided is invalid";
  }
  if (RESERVED_PREFIX.test(key)) return "System tags cannot be added/updated by requester";
  return undefined;
}

/** The problem with a whole set (as PutBucketTagging sends, or as a bucket would hold), if any. */
export function tagSetProblem(tags: readonly Tag[]): string | undefined {
  const keys = new Set<string>();
  for (const tag of tags) {
    const problem = tagProblem(tag);
    if (problem) return problem;
    if (keys.has(tag.key)) return "Cannot provide multiple Tags with the same key";
    keys.add(tag.key);
  }
  if (keys.size > MAX_BUCKET_TAGS) return `Bucket tag count cannot be greater than ${MAX_BUCKET_TAGS}`;
  return undefined;
}
