import { describe, expect, it } from "vitest";
import { hasWildcard, matchAction, matchArn, matchWildcard } from "../src/index";

describe("matchWildcard", () => {
  it.each([
    ["*", "", true],
    ["*", "anything/at:all", true],
    ["team:*", "team:tea1:env:prod", true],
    ["team:*:env:prod:*", "team:tea1:env:prod:task:a", true],
    ["team:*:env:prod:*", "team:tea1:env:dev:task:a", false],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["a?c", "abbc", false],
    ["*.txt", "a/b/c.txt", true],
    ["a*b*c", "aXbYbZc", true],
    ["a*b*c", "aXbYbZ", false],
    ["exact", "exact", true],
    ["exact", "Exact", false],
    // Characters that mean something to glob or RegExp engines are literal for IAM.
    ["[ab]", "a", false],
    ["[ab]", "[ab]", true],
    ["{x,y}", "{x,y}", true],
    ["a.c", "abc", false],
    ["**", "", true],
    ["", "", true],
    ["", "a", false],
  ])("%j against %j is %s", (pattern, value, expected) => {
    expect(matchWildcard(pattern, value)).toBe(expected);
  });

  it("can ignore case", () => {
    expect(matchWildcard("S3:get*", "s3:GetBucketTagging", { ignoreCase: true })).toBe(true);
    expect(matchWildcard("S3:get*", "s3:GetBucketTagging")).toBe(false);
  });

  it("stays fast on patterns that make backtracking engines explode", () => {
    const started = performance.now();
    expect(matchWildcard(`${"*a".repeat(30)}b`, "a".repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("knows a pattern with wildcards", () => {
    expect(hasWildcard("s3:*")).toBe(true);
    expect(hasWildcard("team:?")).toBe(true);
    expect(hasWildcard("s3:GetBucketTagging")).toBe(false);
  });
});

describe("matchAction", () => {
  it.each([
    ["s3:GetBucketTagging", "s3:GetBucketTagging", true],
    ["s3:getbuckettagging", "s3:GetBucketTagging", true],
    ["S3:Get*", "s3:GetBucketTagging", true],
    ["s3:*Tagging", "s3:PutBucketTagging", true],
    ["s3:Get*", "s3:PutBucketTagging", false],
    ["iam:*", "s3:GetBucketTagging", false],
    ["*", "sts:AssumeRoleWithWebIdentity", true],
  ])("%s matches %s: %s", (pattern, action, expected) => {
    expect(matchAction(pattern, action)).toBe(expected);
  });
});

describe("matchArn", () => {
  it.each([
    ["*", "arn:aws:s3:::demo-bucket", true],
    ["arn:aws:s3:::*", "arn:aws:s3:::demo-bucket", true],
    ["arn:aws:s3:::demo-*", "arn:aws:s3:::demo-bucket", true],
    ["arn:aws:s3:::demo-bucket", "arn:aws:s3:::Demo-Bucket", false],
    ["arn:aws:s3:::demo-bucket", "arn:aws:s3:::demo-bucket/key", false],
    ["arn:aws:s3:::demo-bucket/*", "arn:aws:s3:::demo-bucket/a/b:c", true],
    ["arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/path/name", true],
    ["arn:aws:iam::123456789012:role/*", "arn:aws:iam::210987654321:role/name", false],
    // A wildcard inside a segment stays inside it: the account `*` does not reach into the resource.
    ["arn:aws:iam::*:role/x", "arn:aws:iam::123:456:role/x", false],
    ["arn:aws:iam::12345678901?:role/x", "arn:aws:iam::123456789012:role/x", true],
    // Fewer segments than an ARN: a trailing `*` reaches past the colons.
    ["arn:aws:s3:*", "arn:aws:s3:::demo-bucket", true],
    ["arn:aws:*", "arn:aws:s3:::demo-bucket", true],
    ["arn:aws:ec2:*", "arn:aws:s3:::demo-bucket", false],
  ])("%s matches %s: %s", (pattern, arn, expected) => {
    expect(matchArn(pattern, arn)).toBe(expected);
  });
});
