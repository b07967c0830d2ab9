import { describe, expect, it } from "vitest";
import { auditTrustPolicy } from "../src/index";
import { airplaneStatement, codesOf, policyOf, PROVIDER_ARN } from "./policies";

describe("principals and actions", () => {
  it('flags "Principal": "*" (high) and names the provider ARN, with the role\'s account, as the fix', () => {
    const findings = auditTrustPolicy(policyOf(airplaneStatement(undefined, { Principal: "*" })), {
      roleArn: "arn:aws:iam::111122223333:role/add_s3_bucket_tag",
    });
    expect(findings.map((finding) => [finding.severity, finding.code])).toEqual([["high", "principal-anyone"]]);
    expect(findings[0]?.fix).toBe(
      'Name Airplane\'s provider alone: "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/api.airplane.dev" }.',
    );
  });

  it("flags NotPrincipal under Allow as trusting everyone", () => {
    const { Principal: _, ...statement } = airplaneStatement();
    const findings = auditTrustPolicy(
      policyOf({ ...statement, NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }),
    );
    expect(codesOf(findings)).toEqual(["principal-anyone"]);
    expect(findings[0]?.problem).toMatch(/^NotPrincipal under Allow/);
  });

  it.each([
    [
      "an AWS account",
      { Federated: PROVIDER_ARN, AWS: "arn:aws:iam::123456789012:root" },
      /AWS arn:aws:iam::123456789012:root/,
    ],
    ["a service", { Federated: PROVIDER_ARN, Service: "lambda.amazonaws.com" }, /Service lambda.amazonaws.com/],
    [
      "another provider",
      { Federated: [PROVIDER_ARN, "arn:aws:iam::123456789012:oidc-provider/accounts.google.com"] },
      /Federated arn:.*accounts.google.com/,
    ],
  ])("flags a statement that also trusts %s (medium)", (_, principal, named) => {
    const findings = auditTrustPolicy(policyOf(airplaneStatement(undefined, { Principal: principal })));
    expect(findings.map((finding) => [finding.severity, finding.code])).toEqual([["medium", "principal-mixed"]]);
    expect(findings[0]?.problem).toMatch(named);
  });

  it.each([
    ["*", "federated-principal-wildcard"],
    ["arn:aws:iam::123456789012:oidc-provider/*", "federated-principal-wildcard"],
    ["api.airplane.dev", "federated-principal-not-provider-arn"],
    ["arn:aws:iam::123456789012:oidc-provider/airplane.dev", "federated-principal-not-provider-arn"],
    ["arn:aws:iam::123456789012:oidc-provider/https://api.airplane.dev", "federated-principal-not-provider-arn"],
  ])("flags the Federated principal %s as %s (medium)", (federated, code) => {
    const findings = auditTrustPolicy(policyOf(airplaneStatement(undefined, { Principal: { Federated: federated } })));
    expect(findings.map((finding) => [finding.severity, finding.code])).toEqual([["medium", code]]);
    expect(findings[0]?.fix).toContain(
      '"Principal": { "Federated": "arn:aws:iam::<account_id>:oidc-provider/api.airplane.dev" }',
    );
  });

  it.each([["sts:*"], ["*"], [["sts:AssumeRoleWithWebIdentity", "sts:Tag*"]]])(
    "flags the action %j (low)",
    (action) => {
      const findings = auditTrustPolicy(policyOf(airplaneStatement(undefined, { Action: action })));
      expect(findings.map((finding) => [finding.severity, finding.code])).toEqual([
        ["low", "action-wider-than-web-identity"],
      ]);
      expect(findings[0]?.fix).toMatch(/^Write "Action": "sts:AssumeRoleWithWebIdentity"/);
    },
  );

  it("flags NotAction under Allow", () => {
    const { Action: _, ...statement } = airplaneStatement();
    const findings = auditTrustPolicy(policyOf({ ...statement, NotAction: "iam:*" }));
    expect(codesOf(findings)).toEqual(["action-wider-than-web-identity"]);
    expect(findings[0]?.problem).toMatch(/^"NotAction": "iam:\*" under Allow/);
  });

  it("accepts sts:TagSession next to sts:AssumeRoleWithWebIdentity", () => {
    const action = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"];
    expect(auditTrustPolicy(policyOf(airplaneStatement(undefined, { Action: action })))).toEqual([]);
  });
});
