import { describe, expect, it } from "vitest";
import { auditTrustPolicy, PolicyParseError, readTrustPolicy } from "../src/index";
import { airplaneStatement, policyOf } from "./policies";

const document = policyOf(airplaneStatement(null, { Sid: "Airplane" }));

describe("readTrustPolicy", () => {
  it("reads a policy object and keeps each statement as written", () => {
    const { policy, statements } = readTrustPolicy(document);
    expect(policy.statements[0]?.sid).toBe("Airplane");
    expect(statements).toEqual(document.Statement);
  });

  it("reads a lone statement object as a one-statement list", () => {
    const single = { Version: "2012-10-17", Statement: airplaneStatement() };
    expect(readTrustPolicy(single).statements).toEqual([single.Statement]);
  });

  it("reads JSON text", () => {
    expect(readTrustPolicy(`  ${JSON.stringify(document)}\n`).statements).toEqual(document.Statement);
  });

  it("reads the URL-encoded text IAM's GetRole and ListRoles return", () => {
    const encoded = encodeURIComponent(JSON.stringify(document, null, 2));
    expect(encoded.startsWith("%7B")).toBe(true);
    expect(readTrustPolicy(encoded).statements).toEqual(document.Statement);
  });

  it("reads URL-encoded text that writes spaces as +", () => {
    const formEncoded = encodeURIComponent(JSON.stringify(document, null, 1)).replaceAll("%20", "+");
    expect(readTrustPolicy(formEncoded).statements).toEqual(document.Statement);
  });

  it("lets auditTrustPolicy take the URL-encoded form directly", () => {
    const findings = auditTrustPolicy(encodeURIComponent(JSON.stringify(document)));
    expect(findings.map((finding) => finding.code)).toContain("sub-missing");
  });

  it.each([
    ["text that is neither JSON nor URL-encoded", "Version: 2012-10-17", /neither JSON nor URL-encoded JSON/],
    ["broken JSON", '{"Statement": [', /The policy is not valid JSON/],
    ["URL-encoded text that does not decode", "%7B%E0%A4%A", /does not decode/],
    ["URL-encoded text that is not JSON", encodeURIComponent("{Statement"), /URL-decoded policy is not valid JSON/],
    ["a document IAM would refuse", { Statement: [{ Effect: "Permit", Action: "sts:*" }] }, /Effect must be/],
  ])("refuses %s with a PolicyParseError that says why", (_, input, message) => {
    expect(() => readTrustPolicy(input)).toThrow(PolicyParseError);
    expect(() => readTrustPolicy(input)).toThrow(message);
  });
});
