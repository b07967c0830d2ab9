import { describe, expect, it } from "vitest";
import { AUDIENCE_CONDITION_KEY as AUD_KEY, SUBJECT_CONDITION_KEY as SUB_KEY } from "@repo/oidc-issuers";
import { auditTrustPolicy } from "../src/index";
import { airplaneStatement, AUD, codesOf, policyOf, PROVIDER_ARN, SUBJECT, TEAM } from "./policies";

function audit(condition: Parameters<typeof airplaneStatement>[0]) {
  return auditTrustPolicy(policyOf(airplaneStatement(condition)));
}

describe("condition operators on sub and aud", () => {
  it("flags ForAllValues on each claim (high): it holds when the claim is missing", () => {
    const findings = audit({ "ForAllValues:StringEquals": { ...AUD, [SUB_KEY]: SUBJECT } });
    expect(findings.map((finding) => [finding.severity, finding.code, finding.condition?.key])).toEqual([
      ["high", "condition-for-all-values", AUD_KEY],
      ["high", "condition-for-all-values", SUB_KEY],
    ]);
    expect(findings[1]?.problem).toMatch(/no sub claim at all/);
    expect(findings[1]?.fix).toBe(
      `Drop the qualifier: "Condition": { "StringEquals": { "${SUB_KEY}": "${SUBJECT}" } }.`,
    );
  });

  it("flags ForAnyValue on a single-valued claim (low)", () => {
    const findings = audit({ StringEquals: AUD, "ForAnyValue:StringEquals": { [SUB_KEY]: SUBJECT } });
    expect(findings.map((finding) => [finding.severity, finding.code])).toEqual([["low", "condition-for-any-value"]]);
  });

  it.each([
    ["StringEqualsIfExists on sub", { StringEquals: AUD, StringEqualsIfExists: { [SUB_KEY]: SUBJECT } }],
    ["StringEqualsIfExists on aud", { StringEquals: { [SUB_KEY]: SUBJECT }, StringEqualsIfExists: AUD }],
  ])("flags %s (high): it holds for a token without the claim", (_, condition) => {
    const findings = audit(condition);
    expect(findings.map((finding) => [finding.severity, finding.code])).toEqual([["high", "condition-if-exists"]]);
    expect(findings[0]?.fix).toMatch(/^Drop IfExists: "Condition": \{ "StringEquals": /);
  });

  it("does not flag IfExists on a negated operator (it already holds when the claim is missing)", () => {
    const findings = audit({
      StringEquals: { ...AUD, [SUB_KEY]: SUBJECT },
      StringNotEqualsIfExists: { [SUB_KEY]: `team:${TEAM}:env:studio:task:x` },
    });
    expect(findings).toEqual([]);
  });

  it("flags StringLike with no wildcard (low) and suggests StringEquals", () => {
    const [finding, ...rest] = audit({ StringEquals: AUD, StringLike: { [SUB_KEY]: SUBJECT } });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "low", code: "string-like-without-wildcard" });
    expect(finding?.fix).toContain(`{ "StringEquals": { "${SUB_KEY}": "${SUBJECT}" } }`);
  });

  it("flags a wildcard under StringEquals (medium): it is compared literally", () => {
    const [finding, ...rest] = audit({ StringEquals: { ...AUD, [SUB_KEY]: `team:${TEAM}:*` } });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "medium", code: "wildcard-in-string-equals" });
    expect(finding?.fix).toContain(`team:${TEAM}:env:<env_slug>:task:<task_slug>`);
  });

  it("flags a literal wildcard audience under StringEquals without calling it another audience", () => {
    expect(codesOf(audit({ StringEquals: { [AUD_KEY]: "*", [SUB_KEY]: SUBJECT } }))).toEqual([
      "wildcard-in-string-equals",
    ]);
  });

  it("flags comparing a claim as an ARN, a number or a date (medium)", () => {
    expect(codesOf(audit({ StringEquals: AUD, ArnLike: { [SUB_KEY]: SUBJECT } }))).toEqual([
      "condition-operator-unsuitable",
    ]);
    expect(codesOf(audit({ StringEquals: { [SUB_KEY]: SUBJECT }, NumericEquals: { [AUD_KEY]: 1 } }))).toEqual([
      "condition-operator-unsuitable",
    ]);
  });

  it("flags StringEqualsIgnoreCase (low)", () => {
    expect(codesOf(audit({ StringEquals: AUD, StringEqualsIgnoreCase: { [SUB_KEY]: SUBJECT } }))).toEqual([
      "condition-ignore-case",
    ]);
  });

  it("leaves conditions on other keys alone", () => {
    const condition = {
      StringEquals: { ...AUD, [SUB_KEY]: SUBJECT, "sts:RoleSessionName": "run" },
      "ForAllValues:StringLike": { "aws:TagKeys": ["team*"] },
      IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
    };
    expect(audit(condition)).toEqual([]);
  });
});

describe("condition keys", () => {
  it.each([
    ["airplane.dev:sub", "never holds"],
    ["https://api.airplane.dev:sub", "never holds"],
    ["api.airplane.dev/:sub", "never holds"],
    ["api.airplane.dev:subject", "never holds"],
    ["accounts.google.com:sub", "never holds"],
    ["token.actions.githubusercontent.com:sub", "never holds"],
    [" api.airplane.dev:sub", "never holds"],
  ])("flags %s (high) and names the key it must be", (key, consequence) => {
    const findings = audit({ StringEquals: { ...AUD, [key]: SUBJECT } });
    expect(codesOf(findings)).toEqual(["condition-key-wrong"]);
    expect(findings[0]?.problem).toContain(consequence);
    expect(findings[0]?.fix).toContain(`Write the key as ${SUB_KEY}: "Condition": { "StringEquals": { "${SUB_KEY}"`);
  });

  it("says a wrong key restricts nothing when its operator holds without the key", () => {
    const findings = audit({
      StringEquals: { ...AUD, [SUB_KEY]: SUBJECT },
      StringNotEquals: { "airplane.dev:aud": "x" },
    });
    expect(findings[0]?.problem).toContain("always holds and restricts nothing");
  });

  it("flags another provider's keys in an Airplane-only statement", () => {
    const findings = audit({
      StringEquals: { ...AUD, [SUB_KEY]: SUBJECT },
      StringLike: { "token.actions.githubusercontent.com:repository": "octo-org/*" },
    });
    expect(codesOf(findings)).toEqual(["condition-key-wrong"]);
    expect(findings[0]?.problem).toMatch(/another identity provider's key/);
  });

  it("leaves another provider's keys alone when the statement also trusts that provider", () => {
    const github = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    const statement = airplaneStatement(
      { StringEquals: { ...AUD, [SUB_KEY]: SUBJECT, "token.actions.githubusercontent.com:sub": "repo:o/r:*" } },
      {
        Principal: {
          Federated: [PROVIDER_ARN, github],
        },
      },
    );
    const findings = auditTrustPolicy(policyOf(statement));
    expect(codesOf(findings)).not.toContain("condition-key-wrong");
    // The statement is audited for each provider it names: GitHub's side lacks an aud, and its
    // pattern under StringEquals admits nothing; the mixed principals are said once.
    expect(codesOf(findings)).toEqual(["aud-missing", "principal-mixed", "wildcard-in-string-equals"]);
  });

  it("flags a key in unusual case as low: IAM compares keys case-insensitively", () => {
    const findings = audit({ StringEquals: { "Api.Airplane.Dev:Aud": "sts.amazonaws.com", [SUB_KEY]: SUBJECT } });
    expect(findings.map((finding) => [finding.severity, finding.code])).toEqual([["low", "condition-key-case"]]);
  });
});
