import { describe, expect, it } from "vitest";
import { normalizePolicy, parseConditionOperator, PolicyParseError } from "../src/index";

const PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/api.airplane.dev";

describe("normalizePolicy", () => {
  it("turns every one-or-many element into a list", () => {
    const policy = normalizePolicy({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Action: "s3:GetBucketTagging", Resource: "arn:aws:s3:::*" },
    });
    expect(policy).toEqual({
      version: "2012-10-17",
      statements: [
        {
          index: 0,
          effect: "Allow",
          action: { negated: false, patterns: ["s3:GetBucketTagging"] },
          resource: { negated: false, patterns: ["arn:aws:s3:::*"] },
          conditions: [],
        },
      ],
    });
  });

  it("reads a trust policy: principals by type, operators split, values as strings", () => {
    const policy = normalizePolicy({
      Version: "2012-10-17",
      Id: "trust",
      Statement: [
        {
          Sid: "AirplaneOidc",
          Effect: "Allow",
          Principal: { Federated: PROVIDER_ARN },
          Action: ["sts:AssumeRoleWithWebIdentity"],
          Condition: {
            StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com" },
            "ForAllValues:StringLikeIfExists": { "aws:TagKeys": ["team", "env-*"] },
            Bool: { "aws:SecureTransport": true },
            NumericLessThan: { "aws:MultiFactorAuthAge": 3600 },
          },
        },
      ],
    });
    const [statement] = policy.statements;
    expect(policy.id).toBe("trust");
    expect(statement?.sid).toBe("AirplaneOidc");
    expect(statement?.principal).toEqual({ negated: false, anyone: false, byType: { Federated: [PROVIDER_ARN] } });
    expect(statement?.resource).toBeUndefined();
    expect(statement?.conditions).toEqual([
      {
        operator: { name: "StringEquals", base: "StringEquals", ifExists: false },
        key: "api.airplane.dev:aud",
        values: ["sts.amazonaws.com"],
      },
      {
        operator: {
          name: "ForAllValues:StringLikeIfExists",
          base: "StringLike",
          ifExists: true,
          setQualifier: "ForAllValues",
        },
        key: "aws:TagKeys",
        values: ["team", "env-*"],
      },
      { operator: { name: "Bool", base: "Bool", ifExists: false }, key: "aws:SecureTransport", values: ["true"] },
      {
        operator: { name: "NumericLessThan", base: "NumericLessThan", ifExists: false },
        key: "aws:MultiFactorAuthAge",
        values: ["3600"],
      },
    ]);
  });

  it('reads "Principal": "*", NotPrincipal, NotAction and NotResource', () => {
    const [anyone, notPrincipal] = normalizePolicy({
      Statement: [
        { Effect: "Deny", Principal: "*", NotAction: "s3:Get*", NotResource: ["arn:aws:s3:::a", "arn:aws:s3:::b"] },
        { Effect: "Deny", NotPrincipal: { AWS: ["arn:aws:iam::123456789012:root"] }, Action: "*" },
      ],
    }).statements;
    expect(anyone?.principal).toEqual({ negated: false, anyone: true, byType: {} });
    expect(anyone?.action).toEqual({ negated: true, patterns: ["s3:Get*"] });
    expect(anyone?.resource).toEqual({ negated: true, patterns: ["arn:aws:s3:::a", "arn:aws:s3:::b"] });
    expect(notPrincipal?.principal).toEqual({
      negated: true,
      anyone: false,
      byType: { AWS: ["arn:aws:iam::123456789012:root"] },
    });
  });

  it("defaults to the original grammar version and accepts JSON text", () => {
    const policy = normalizePolicy('{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}');
    expect(policy.version).toBe("2008-10-17");
    expect(policy.statements).toHaveLength(1);
  });

  it.each([
    ["not an object", [], "", /must be a JSON object/],
    ["bad JSON", "{", "", /not valid JSON/],
    ["an unknown version", { Version: "2020-01-01", Statement: [] }, "Version", /not a policy version/],
    ["no statement", { Version: "2012-10-17" }, "Statement", /at least one statement/],
    ["an empty statement list", { Statement: [] }, "Statement", /at least one statement/],
    ["an unknown element", { Statement: [], Extra: 1 }, "", /Unknown element "Extra"/],
    ["a bad effect", { Statement: { Effect: "allow", Action: "*" } }, "Statement[0].Effect", /"Allow" or "Deny"/],
    ["no action", { Statement: { Effect: "Allow", Resource: "*" } }, "Statement[0]", /Action or NotAction/],
    [
      "Action and NotAction",
      { Statement: { Effect: "Allow", Action: "*", NotAction: "s3:*" } },
      "Statement[0]",
      /Action or NotAction, not both/,
    ],
    [
      "an action without a service",
      { Statement: { Effect: "Allow", Action: "GetBucketTagging" } },
      "Statement[0].Action",
      /service:action/,
    ],
    [
      "a resource that is no ARN",
      { Statement: { Effect: "Allow", Action: "*", Resource: "demo-bucket" } },
      "Statement[0].Resource",
      /ARN/,
    ],
    ["an empty action list", { Statement: { Effect: "Allow", Action: [] } }, "Statement[0].Action", /empty/],
    [
      "an unknown principal type",
      { Statement: { Effect: "Allow", Action: "*", Principal: { User: "x" } } },
      "Statement[0].Principal",
      /not a principal type/,
    ],
    [
      "an unknown condition operator",
      { Statement: { Effect: "Allow", Action: "*", Condition: { StringEqual: { k: "v" } } } },
      "Statement[0].Condition.StringEqual",
      /not an IAM condition operator/,
    ],
    [
      "a bad set operator",
      { Statement: { Effect: "Allow", Action: "*", Condition: { "ForSomeValues:StringLike": { k: "v" } } } },
      "Statement[0].Condition.ForSomeValues:StringLike",
      /not a set operator/,
    ],
    [
      "an object as a condition value",
      { Statement: { Effect: "Allow", Action: "*", Condition: { StringEquals: { k: { v: 1 } } } } },
      "Statement[0].Condition.StringEquals.k",
      /strings, numbers or booleans/,
    ],
    [
      "a key with no value",
      { Statement: { Effect: "Allow", Action: "*", Condition: { StringEquals: { k: [] } } } },
      "Statement[0].Condition.StringEquals.k",
      /at least one value/,
    ],
  ])("rejects %s and says where", (_label, document, path, message) => {
    let caught: unknown;
    try {
      normalizePolicy(document);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PolicyParseError);
    expect((caught as PolicyParseError).path).toBe(path);
    expect((caught as PolicyParseError).message).toMatch(message);
  });
});

describe("parseConditionOperator", () => {
  it.each([
    ["StringEquals", { base: "StringEquals", ifExists: false }],
    ["StringLikeIfExists", { base: "StringLike", ifExists: true }],
    ["ForAnyValue:StringEquals", { base: "StringEquals", ifExists: false, setQualifier: "ForAnyValue" }],
    ["ForAllValues:StringNotLikeIfExists", { base: "StringNotLike", ifExists: true, setQualifier: "ForAllValues" }],
    ["Null", { base: "Null", ifExists: false }],
  ])("reads %s", (name, parts) => {
    expect(parseConditionOperator(name)).toEqual({ name, ...parts });
  });

  it.each(["NullIfExists", "ForAnyValue:Null", "stringequals", "IfExists", "ForAnyValue:"])("rejects %s", (name) => {
    expect(() => parseConditionOperator(name)).toThrow(PolicyParseError);
  });
});
