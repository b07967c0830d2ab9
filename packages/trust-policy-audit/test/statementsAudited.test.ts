import type { PolicyStatement } from "@repo/iam-policy";
import { describe, expect, it } from "vitest";
import { auditTrustPolicy, platformsTrusted } from "../src/index";
import { airplaneStatement, policyOf, PROVIDER_ARN } from "./policies";

// With no condition, every audited statement has at least sub-missing: a quick probe of "audited".
function audited(statement: PolicyStatement): boolean {
  const policy = policyOf(statement);
  const isAudited = auditTrustPolicy(policy).some((finding) => finding.code === "sub-missing");
  expect(platformsTrusted(policy).length > 0).toBe(isAudited);
  return isAudited;
}

describe("which statements the audit concerns", () => {
  it.each([
    ["the provider's ARN", { Federated: PROVIDER_ARN }],
    [
      "the provider's ARN in another partition",
      { Federated: "arn:aws-us-gov:iam::123456789012:oidc-provider/api.airplane.dev" },
    ],
    [
      "the provider among others",
      { Federated: [PROVIDER_ARN, "arn:aws:iam::123456789012:oidc-provider/accounts.example.com"] },
    ],
    ["the bare host", { Federated: "api.airplane.dev" }],
    ["a Federated wildcard", { Federated: "*" }],
    ["a wildcard ARN for the account", { Federated: "arn:aws:iam::123456789012:oidc-provider/*" }],
    ["a wildcard over the account", { Federated: "arn:aws:iam::*:oidc-provider/api.airplane.dev" }],
    ['"Principal": "*"', "*" as const],
    ['{ "AWS": "*" }', { AWS: "*" }],
  ])("audits an Allow whose principal takes in Airplane: %s", (_, principal) => {
    expect(audited(airplaneStatement(null, { Principal: principal }))).toBe(true);
  });

  it.each([
    ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithWebIdentity"],
    ["a list with it", ["sts:TagSession", "sts:AssumeRoleWithWebIdentity"]],
    ["sts:*", "sts:*"],
    ["*", "*"],
    ["sts:AssumeRole*", "sts:AssumeRole*"],
    ["case-insensitively", "STS:assumerolewithwebidentity"],
  ])("audits an Allow whose Action takes in web identity: %s", (_, action) => {
    expect(audited(airplaneStatement(null, { Action: action }))).toBe(true);
  });

  it("audits NotAction that does not exclude web identity, and skips one that does", () => {
    const { Action: _, ...withoutAction } = airplaneStatement(null);
    expect(audited({ ...withoutAction, NotAction: "iam:*" })).toBe(true);
    expect(audited({ ...withoutAction, NotAction: "sts:AssumeRoleWith*" })).toBe(false);
  });

  it("audits NotPrincipal under Allow (it trusts everyone else) unless it lists both providers", () => {
    const { Principal: _, ...withoutPrincipal } = airplaneStatement(null);
    const github = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    expect(audited({ ...withoutPrincipal, NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } })).toBe(true);
    const notAirplane = { ...withoutPrincipal, NotPrincipal: { Federated: PROVIDER_ARN } };
    expect(platformsTrusted(policyOf(notAirplane))).toEqual(["github"]);
    expect(audited({ ...withoutPrincipal, NotPrincipal: { Federated: [PROVIDER_ARN, github] } })).toBe(false);
    expect(audited({ ...withoutPrincipal, NotPrincipal: "*" })).toBe(false);
  });

  it.each([
    ["a Deny", airplaneStatement(null, { Effect: "Deny" })],
    [
      "another provider",
      airplaneStatement(null, {
        Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/accounts.google.com" },
      }),
    ],
    [
      "an AWS account",
      airplaneStatement(null, { Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }),
    ],
    ["a service", airplaneStatement(null, { Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })],
    ["only other actions", airplaneStatement(null, { Action: ["sts:AssumeRole", "sts:TagSession"] })],
  ])("leaves alone %s", (_, statement) => {
    expect(audited(statement)).toBe(false);
    expect(auditTrustPolicy(policyOf(statement))).toEqual([]);
  });

  it("audits each Airplane statement of a policy on its own and names it", () => {
    const findings = auditTrustPolicy(
      policyOf(
        { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        airplaneStatement(undefined, { Sid: "Pinned" }),
        airplaneStatement(null, { Sid: "Open" }),
      ),
    );
    expect(findings.map((finding) => [finding.code, finding.statementIndex, finding.sid])).toEqual([
      ["sub-missing", 2, "Open"],
      ["aud-missing", 2, "Open"],
    ]);
    expect(findings[0]?.statement).toEqual(airplaneStatement(null, { Sid: "Open" }));
  });
});
