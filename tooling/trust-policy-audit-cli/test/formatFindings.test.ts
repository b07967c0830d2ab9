import { readFileSync } from "node:fs";
import { join } from "node:path";
import { auditTrustPolicy, type TrustPolicyFinding } from "@repo/trust-policy-audit";
import { describe, expect, it } from "vitest";
import { failsAudit } from "../src/failsAudit";
import { formatFinding, formatFindings } from "../src/formatFindings";

function finding(fields: Partial<TrustPolicyFinding>): TrustPolicyFinding {
  return { severity: "low", code: "condition-key-case", problem: "Problem.", fix: "Fix.", ...fields };
}

const corpusPolicy = (file: string): unknown => JSON.parse(readFileSync(join(__dirname, "corpus", file), "utf8"));

describe("formatFinding", () => {
  it("writes severity, code, statement, problem and fix on one line", () => {
    const line = formatFinding(
      finding({
        severity: "critical",
        code: "sub-missing",
        statementIndex: 1,
        sid: "Airplane",
        problem: "No sub.",
        fix: "Pin it.",
      }),
    );
    expect(line).toBe('CRITICAL sub-missing Statement[1] "Airplane": No sub. Fix: Pin it.');
  });

  it("aligns severities and names the role when the finding has one", () => {
    expect(formatFinding(finding({ statementIndex: 0, roleName: "deploy" }))).toBe(
      "LOW      condition-key-case role deploy Statement[0]: Problem. Fix: Fix.",
    );
    expect(formatFinding(finding({ statementIndex: 0, roleName: "deploy" }), { showRole: false })).toBe(
      "LOW      condition-key-case Statement[0]: Problem. Fix: Fix.",
    );
  });

  it('says "policy" for a finding about the whole policy', () => {
    expect(formatFinding(finding({ code: "expected-subject-refused", severity: "medium" }))).toBe(
      "MEDIUM   expected-subject-refused policy: Problem. Fix: Fix.",
    );
  });

  it("keeps every real finding on one line", () => {
    const findings = auditTrustPolicy(corpusPolicy("bad/everything-open-principal-star-no-conditions.json"));
    expect(findings.length).toBe(4);
    for (const line of findings.map((each) => formatFinding(each))) expect(line).not.toContain("\n");
  });
});

describe("formatFindings", () => {
  it("ends the report with the counts by severity", () => {
    const report = formatFindings(auditTrustPolicy(corpusPolicy("bad/no-conditions-at-all.json"))).split("\n");
    expect(report).toHaveLength(3);
    expect(report[0]).toMatch(/^CRITICAL sub-missing Statement\[0\]: /);
    expect(report[1]?.startsWith("HIGH     aud-missing Statement[0]: ")).toBe(true);
    expect(report[2]).toBe("2 findings: 1 critical, 1 high.");
  });

  it("says when there is nothing to report", () => {
    expect(formatFindings([])).toBe("No findings.");
  });
});

describe("failsAudit", () => {
  it("fails on critical and high only", () => {
    expect(failsAudit([finding({ severity: "high" })])).toBe(true);
    expect(failsAudit([finding({ severity: "critical" })])).toBe(true);
    expect(failsAudit([finding({ severity: "medium" }), finding({ severity: "low" })])).toBe(false);
    expect(failsAudit([])).toBe(false);
  });
});
