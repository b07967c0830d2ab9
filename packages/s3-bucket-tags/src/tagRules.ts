import { InvalidInputError } from "./invalidInput";

/** S3's limit of tags per bucket. */
export const MAX_TAGS_PER_BUCKET = 50;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
// AWS's documented tag character set: letters, digits and whitespace of any script, and _ . : / = + - @.
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Checks a tag key as S3 would; returns it unchanged, or throws an error naming the fix. */
export function validateTagKey(key: string, parameter = "key"): string {
  const length = [...key].length;
  if (length < 1 || length > MAX_KEY_LENGTH) {
    throw new InvalidInputError(
      parameter,
      `${parameter} must have 1 to ${MAX_KEY_LENGTH} characters; it has ${length}.`,
    );
  }
  if (/^aws:/i.test(key)) {
    throw new InvalidInputError(
      parameter,
      `${parameter} "${key}" starts with "aws:", a prefix AWS reserves for its own tags: choose another key.`,
    );
  }
  assertAllowedCharacters(key, parameter);
  return key;
}

/** Checks a tag value as S3 would (it may be empty); returns it unchanged, or throws. */
export function validateTagValue(value: string, parameter = "value"): string {
  const length = [...value].length;
  if (length > MAX_VALUE_LENGTH) {
    throw new InvalidInputError(
      parameter,
      `${parameter} must have at most ${MAX_VALUE_LENGTH} characters; it has ${length}.`,
    );
  }
  assertAllowedCharacters(value, parameter);
  return value;
}

function assertAllowedCharacters(text: string, parameter: string): void {
  if (ALLOWED.test(text)) return;
  const bad = [...new Set([...text].filter((char) => !ALLOWED.test(char)))];
  throw new InvalidInputError(
    parameter,
    `${parameter} "${text}" contains ${bad.map((char) => JSON.stringify(char)).join(", ")}; S3 tags allow only letters, ` +
      "digits, spaces and _ . : / = + - @.",
  );
}
