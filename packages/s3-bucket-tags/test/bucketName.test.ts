import { describe, expect, it } from "vitest";
import { InvalidInputError, validateBucketName } from "../src/index";

describe("validateBucketName", () => {
  it.each(["abc", "my-bucket", "my.bucket.2026", "a".repeat(63), "1bucket9"])("accepts %s", (name) => {
    expect(validateBucketName(name)).toBe(name);
  });

  it.each([
    ["ab", /has 2 characters; S3 allows 3 to 63/],
    ["a".repeat(64), /has 64 characters/],
    ["My_Bucket", /contains "M", "_", "B"; use only lowercase letters, digits, "\." and "-"/],
    ["-bucket", /start and end with a letter or a digit/],
    ["bucket.", /start and end with a letter or a digit/],
    ["my..bucket", /must not contain "\.\."/],
    ["192.168.5.4", /IP address/],
    ["xn--bucket", /prefix "xn--" is reserved/],
    ["sthree-bucket", /prefix "sthree-" is reserved/],
    ["amzn-s3-demo-bucket", /prefix "amzn-s3-demo-" is reserved/],
    ["bucket-s3alias", /suffix "-s3alias" is reserved/],
    ["bucket--ol-s3", /suffix "--ol-s3" is reserved/],
    ["bucket.mrap", /suffix "\.mrap" is reserved/],
    ["bucket--x-s3", /suffix "--x-s3" is reserved/],
  ])("rejects %s and says why", (name, reason) => {
    const attempt = () => validateBucketName(name);
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(reason);
    expect(attempt).toThrow(`bucket "${name}" is not a valid S3 bucket name`);
  });
});
