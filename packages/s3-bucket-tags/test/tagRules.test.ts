import { describe, expect, it } from "vitest";
import { InvalidInputError, validateTagKey, validateTagValue } from "../src/index";

describe("validateTagKey", () => {
  it.each(["team", "cost-center", "a/b:c=d+e@f_g.h", "Équipe 2", "k".repeat(128)])("accepts %j", (key) => {
    expect(validateTagKey(key)).toBe(key);
  });

  it.each([
    ["", /1 to 128 characters; it has 0/],
    ["k".repeat(129), /1 to 128 characters; it has 129/],
    ["aws:createdBy", /starts with "aws:", a prefix AWS reserves/],
    ["AWS:x", /starts with "aws:"/],
    ["team#1", /contains "#"/],
    ["a*b?c", /contains "\*", "\?"/],
  ])("rejects %j", (key, reason) => {
    expect(() => validateTagKey(key)).toThrow(InvalidInputError);
    expect(() => validateTagKey(key)).toThrow(reason);
  });

  it("counts characters, not bytes", () => {
    expect(validateTagKey("é".repeat(128))).toHaveLength(128);
  });
});

describe("validateTagValue", () => {
  it.each(["", "data", "v".repeat(256), "a b/c"])("accepts %j", (value) => {
    expect(validateTagValue(value)).toBe(value);
  });

  it.each([
    ["v".repeat(257), /at most 256 characters; it has 257/],
    ["50%", /contains "%"/],
  ])("rejects %j", (value, reason) => {
    expect(() => validateTagValue(value)).toThrow(reason);
  });
});
