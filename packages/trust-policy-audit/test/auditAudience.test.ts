import { describe, expect, it } from "vitest";
import { AUDIENCE_CONDITION_KEY as AUD_KEY, SUBJECT_CONDITION_KEY as SUB_KEY } from "@repo/oidc-issuers";
import { auditTrustPolicy } from "../src/index";
import { airplaneStatement, codesOf, policyOf, SUBJECT } from "./policies";

const PINNED_SUB = { [SUB_KEY]: SUBJECT };

function audit(condition: Parameters<typeof airplaneStatement>[0], options = {}) {
  return auditTrustPolicy(policyOf(airplaneStatement(condition)), options);
}

describe("aud", () => {
  it("is high when no condition restricts it, and the fix adds the pin", () => {
    const [finding, ...rest] = audit({ StringEquals: PINNED_SUB });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "high", code: "aud-missing" });
    expect(finding?.fix).toContain(`"Condition": { "StringEquals": { "${AUD_KEY}": "sts.amazonaws.com" } }`);
  });

  it.each([
    ["a misspelled audience", { StringEquals: { ...PINNED_SUB, [AUD_KEY]: "sts.amazon.com" } }, /are refused/],
    [
      "the audience in the wrong case",
      { StringEquals: { ...PINNED_SUB, [AUD_KEY]: "STS.amazonaws.com" } },
      /case-sensitively/,
    ],
    [
      "a second audience",
      { StringEquals: { ...PINNED_SUB, [AUD_KEY]: ["sts.amazonaws.com", "vault"] } },
      /another audience open/,
    ],
    ["any audience", { StringEquals: PINNED_SUB, StringLike: { [AUD_KEY]: "*" } }, /another audience open/],
    ["a pattern", { StringEquals: PINNED_SUB, StringLike: { [AUD_KEY]: "sts.*" } }, /another audience open/],
  ])("is high for %s", (_, condition, consequence) => {
    const [finding] = audit(condition);
    expect(finding).toMatchObject({ severity: "high", code: "aud-unexpected" });
    expect(finding?.problem).toMatch(consequence);
  });

  it("names only the values beyond the expected audience", () => {
    const [finding] = audit({ StringEquals: { ...PINNED_SUB, [AUD_KEY]: ["sts.amazonaws.com", "vault"] } });
    expect(finding?.condition).toEqual({ operator: "StringEquals", key: AUD_KEY, values: ["vault"] });
  });

  it("checks against the audience the caller says the tasks ask for", () => {
    const condition = { StringEquals: { ...PINNED_SUB, [AUD_KEY]: "my-aws-account" } };
    expect(codesOf(audit(condition))).toEqual(["aud-unexpected"]);
    expect(audit(condition, { audience: "my-aws-account" })).toEqual([]);
    const stsPinned = { StringEquals: { ...PINNED_SUB, [AUD_KEY]: "sts.amazonaws.com" } };
    expect(codesOf(audit(stsPinned, { audience: "my-aws-account" }))).toEqual(["aud-unexpected"]);
  });

  it("is high when a negated operator is its only restriction", () => {
    const [finding] = audit({ StringEquals: PINNED_SUB, StringNotEquals: { [AUD_KEY]: "vault" } });
    expect(finding).toMatchObject({ severity: "high", code: "aud-negated-only" });
  });

  it("leaves StringEqualsIgnoreCase with the right audience to the operator rule", () => {
    expect(
      codesOf(audit({ StringEquals: PINNED_SUB, StringEqualsIgnoreCase: { [AUD_KEY]: "STS.amazonaws.com" } })),
    ).toEqual(["condition-ignore-case"]);
  });
});
