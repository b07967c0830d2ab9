import { describe, expect, it } from "vitest";
import { didYouMean } from "../src/index";

describe("didYouMean", () => {
  it.each([
    ["lcoal", ["local", "state", "json"], "local"],
    ["jsn", ["local", "state", "json"], "json"],
    ["dryrun", ["bucket", "key", "value", "dry_run"], "dry_run"],
    ["list_bucket_tags", ["list_s3_bucket_tags", "tag_s3_buckets"], "list_s3_bucket_tags"],
  ])("suggests the name a typo most likely meant: %s", (word, known, expected) => {
    expect(didYouMean(word, known)).toBe(expected);
  });

  it("suggests nothing for a word far from every name, or when there are no names", () => {
    expect(didYouMean("verbose", ["local", "state", "json"])).toBeUndefined();
    expect(didYouMean("local", [])).toBeUndefined();
  });
});
