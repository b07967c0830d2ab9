import { describe, expect, it } from "vitest";
import { statementSids } from "../src/statementSid";

describe("statementSids", () => {
  it("makes each why's first clause a PascalCase Sid, as IAM allows only letters and digits", () => {
    expect(
      statementSids([
        "Find the bucket's region (HeadBucket), then read its tags to plan the change and to confirm it.",
        "Set one tag with S3 Control TagResource, which never rewrites the bucket's other tags.",
        "Fallback where TagResource is not allowed: write the merged tag set with PutBucketTagging.",
        "List the account's buckets.",
      ]),
    ).toEqual([
      "FindTheBucketsRegion",
      "SetOneTagWithS3ControlTagResource",
      "FallbackWhereTagResourceIsNotAllowed",
      "ListTheAccountsBuckets",
    ]);
  });

  it("numbers repeats, since Sids must be unique within a policy", () => {
    expect(statementSids(["Read tags.", "Read tags (again).", "Read tags: once more."])).toEqual([
      "ReadTags",
      "ReadTags2",
      "ReadTags3",
    ]);
  });

  it("cuts long clauses at a word and falls back to the position when no word is left", () => {
    const [long, empty] = statementSids([`Read ${"everything ".repeat(10)}there is`, "(HeadBucket) first"]);
    expect(long).toMatch(/^Read(Everything)+$/);
    expect(long?.length).toBeLessThanOrEqual(64);
    expect(empty).toBe("Statement2");
  });
});
