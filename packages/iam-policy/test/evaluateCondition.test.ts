import { describe, expect, it } from "vitest";
import {
  evaluateCondition,
  normalizePolicy,
  parseConditionOperator,
  PolicyEvaluationError,
  type RequestContext,
  unsupportedConditionOperators,
} from "../src/index";

function clause(operator: string, key: string, values: string[]) {
  return { operator: parseConditionOperator(operator), key, values };
}

const SUB = "api.airplane.dev:sub";
const TASK_SUB = "team:tea1:env:prod:task:add_s3_bucket_tag";

describe("evaluateCondition", () => {
  it.each<[string, string, string[], RequestContext, boolean]>([
    // String comparisons are case-sensitive; several values are ORed.
    ["StringEquals", SUB, [TASK_SUB], { [SUB]: TASK_SUB }, true],
    ["StringEquals", SUB, [TASK_SUB], { [SUB]: TASK_SUB.toUpperCase() }, false],
    ["StringEquals", SUB, ["other", TASK_SUB], { [SUB]: TASK_SUB }, true],
    ["StringEquals", SUB, [TASK_SUB], {}, false],
    // Condition keys are case-insensitive.
    ["StringEquals", "API.Airplane.DEV:Sub", [TASK_SUB], { [SUB]: TASK_SUB }, true],
    // The negated operators hold when no value matches (NOR), and when the key is missing.
    ["StringNotEquals", SUB, ["a", "b"], { [SUB]: "c" }, true],
    ["StringNotEquals", SUB, ["a", "b"], { [SUB]: "b" }, false],
    ["StringNotEquals", SUB, ["a"], {}, true],
    ["StringEqualsIgnoreCase", SUB, ["TEAM:TEA1"], { [SUB]: "team:tea1" }, true],
    ["StringNotEqualsIgnoreCase", SUB, ["TEAM:TEA1"], { [SUB]: "team:tea1" }, false],
    // StringLike: `*` and `?`, case-sensitive values.
    ["StringLike", SUB, ["team:tea1:*"], { [SUB]: TASK_SUB }, true],
    ["StringLike", SUB, ["team:tea1:env:prod:task:add_s3_bucket_ta?"], { [SUB]: TASK_SUB }, true],
    ["StringLike", SUB, ["team:TEA1:*"], { [SUB]: TASK_SUB }, false],
    ["StringLike", SUB, ["team:tea2:*", "team:tea1:env:prod:*"], { [SUB]: TASK_SUB }, true],
    ["StringLike", SUB, ["team:tea1:*"], {}, false],
    ["StringNotLike", SUB, ["team:tea1:env:dev:*"], { [SUB]: TASK_SUB }, true],
    ["StringNotLike", SUB, ["team:tea1:*"], { [SUB]: TASK_SUB }, false],
    ["StringNotLike", SUB, ["team:tea1:*"], {}, true],
    // IfExists: a missing key passes, a present one is compared.
    ["StringEqualsIfExists", SUB, [TASK_SUB], {}, true],
    ["StringEqualsIfExists", SUB, [TASK_SUB], { [SUB]: "other" }, false],
    // Bool reads true/false in any case, from strings or booleans.
    ["Bool", "aws:SecureTransport", ["true"], { "aws:SecureTransport": "TRUE" }, true],
    ["Bool", "aws:SecureTransport", ["true"], { "aws:SecureTransport": false }, false],
    ["Bool", "aws:SecureTransport", ["false"], { "aws:SecureTransport": false }, true],
    ["Bool", "aws:SecureTransport", ["true"], {}, false],
    // Null tests presence only.
    ["Null", SUB, ["true"], {}, true],
    ["Null", SUB, ["true"], { [SUB]: TASK_SUB }, false],
    ["Null", SUB, ["false"], { [SUB]: TASK_SUB }, true],
    ["Null", SUB, ["false"], { [SUB]: [] }, false],
    // ArnLike: per-segment wildcards, case-sensitive.
    [
      "ArnLike",
      "aws:PrincipalArn",
      ["arn:aws:iam::*:role/ops-*"],
      { "aws:PrincipalArn": "arn:aws:iam::1:role/ops-a" },
      true,
    ],
    [
      "ArnNotLike",
      "aws:PrincipalArn",
      ["arn:aws:iam::*:role/ops-*"],
      { "aws:PrincipalArn": "arn:aws:iam::1:role/x" },
      true,
    ],
    [
      "ArnEquals",
      "aws:PrincipalArn",
      ["arn:aws:iam::1:role/A"],
      { "aws:PrincipalArn": "arn:aws:iam::1:role/a" },
      false,
    ],
  ])("%s %s %j with %j is %s", (operator, key, values, context, expected) => {
    expect(evaluateCondition(clause(operator, key, values), context)).toBe(expected);
  });
});

describe("set operators", () => {
  const TAG_KEYS = "aws:TagKeys";

  it.each<[string, string[], RequestContext, boolean]>([
    // ForAnyValue: at least one request value passes; a missing or empty key never does.
    ["ForAnyValue:StringEquals", ["team", "env"], { [TAG_KEYS]: ["owner", "env"] }, true],
    ["ForAnyValue:StringEquals", ["team", "env"], { [TAG_KEYS]: ["owner"] }, false],
    ["ForAnyValue:StringEquals", ["team"], {}, false],
    ["ForAnyValue:StringEquals", ["team"], { [TAG_KEYS]: [] }, false],
    ["ForAnyValue:StringNotEquals", ["team"], { [TAG_KEYS]: ["team", "owner"] }, true],
    ["ForAnyValue:StringNotEquals", ["team"], { [TAG_KEYS]: ["team"] }, false],
    ["ForAnyValue:StringEqualsIfExists", ["team"], {}, true],
    // ForAllValues: every request value passes...
    ["ForAllValues:StringEquals", ["team", "env"], { [TAG_KEYS]: ["team", "env"] }, true],
    ["ForAllValues:StringEquals", ["team", "env"], { [TAG_KEYS]: ["team", "owner"] }, false],
    ["ForAllValues:StringLike", ["team*"], { [TAG_KEYS]: ["team", "team-lead"] }, true],
    ["ForAllValues:StringNotEquals", ["secret"], { [TAG_KEYS]: ["team", "env"] }, true],
    ["ForAllValues:StringNotEquals", ["secret"], { [TAG_KEYS]: ["team", "secret"] }, false],
    // ...and, vacuously, when there is none: IAM's pitfall, modelled faithfully.
    ["ForAllValues:StringEquals", ["team"], {}, true],
    ["ForAllValues:StringEquals", ["team"], { [TAG_KEYS]: [] }, true],
    ["ForAllValues:StringLike", ["team:tea1:*"], {}, true],
  ])("%s %j with %j is %s", (operator, values, context, expected) => {
    expect(evaluateCondition(clause(operator, TAG_KEYS, values), context)).toBe(expected);
  });

  it("treats a single value in the request as a set of one", () => {
    expect(evaluateCondition(clause("ForAllValues:StringEquals", "k", ["a"]), { k: "a" })).toBe(true);
    expect(evaluateCondition(clause("ForAnyValue:StringEquals", "k", ["a"]), { k: "b" })).toBe(false);
  });
});

describe("operators this evaluator does not implement", () => {
  it("throws instead of guessing", () => {
    expect(() => evaluateCondition(clause("NumericLessThan", "k", ["1"]), { k: "0" })).toThrow(PolicyEvaluationError);
    expect(() => evaluateCondition(clause("IpAddress", "aws:SourceIp", ["10.0.0.0/8"]), {})).toThrow(
      /IpAddress is valid IAM but not evaluated here/,
    );
  });

  it("are listed up front, so a caller can refuse such a policy before any request", () => {
    const policy = normalizePolicy({
      Statement: [
        { Effect: "Allow", Action: "*", Condition: { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } } },
        { Effect: "Allow", Action: "*", Condition: { StringEquals: { k: "v" }, "ForAnyValue:IpAddress": { ip: "x" } } },
      ],
    });
    expect(unsupportedConditionOperators(policy)).toEqual(["DateLessThan", "ForAnyValue:IpAddress"]);
  });
});
