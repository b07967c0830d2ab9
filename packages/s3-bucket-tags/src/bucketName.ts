import { InvalidInputError } from "./invalidInput";

const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3"];

/**
 * S3's naming rules for general purpose buckets, checked locally so that a typo fails with a reason
 * instead of a NoSuchBucket or an opaque 400. Returns the name unchanged, or throws.
 */
export function validateBucketName(name: string, parameter = "bucket"): string {
  const problem = bucketNameProblem(name);
  if (problem)
    throw new InvalidInputError(parameter, `${parameter} "${name}" is not a valid S3 bucket name: ${problem}.`);
  return name;
}

function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `it has ${name.length} characters; S3 allows 3 to 63`;
  const bad = [...new Set(name.replace(/[a-z0-9.-]/g, ""))];
  if (bad.length > 0) {
    return `it contains ${bad.map((char) => JSON.stringify(char)).join(", ")}; use only lowercase letters, digits, "." and "-"`;
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "it must start and end with a letter or a digit";
  if (name.includes("..")) return 'it must not contain ".."';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "it must not be formatted as an IP address";
  const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved));
  if (prefix) return `the prefix "${prefix}" is reserved by AWS`;
  const suffix = RESERVED_SUFFIXES.find((reserved) => name.endsWith(reserved));
  if (suffix) return `the suffix "${suffix}" is reserved by AWS`;
  return undefined;
}
