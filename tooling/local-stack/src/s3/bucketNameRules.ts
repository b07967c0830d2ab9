const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3"];

/** Why S3 would refuse a general purpose bucket name (`InvalidBucketName`), or undefined. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "a bucket name has 3 to 63 characters";
  if (!/^[a-z0-9.-]+$/.test(name)) return 'a bucket name uses only lowercase letters, digits, "." and "-"';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return "a bucket name starts and ends with a letter or a digit";
  if (name.includes("..")) return 'a bucket name has no ".."';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "a bucket name is not an IP address";
  const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved));
  if (prefix) return `the prefix "${prefix}" is reserved`;
  const suffix = RESERVED_SUFFIXES.find((reserved) => name.endsWith(reserved));
  if (suffix) return `the suffix "${suffix}" is reserved`;
  return undefined;
}
