import { describe, expect, it } from "vitest";
import {
  auditTrustPolicy,
  failsAudit,
  FINDING_CODES,
  FINDING_RULES,
  findingRows,
  formatFinding,
  formatFindings,
  SEVERITIES,
  sortFindings,
  summarizeFindings,
  type TrustPolicyFinding,
} from "../src/index";
import { airplaneStatement, AUD, policyOf } from "./policies";

function finding(fields: Partial<TrustPolicyFinding>): TrustPolicyFinding {
  return { severity: "low", code: "condition-key-case", problem: "Problem.", fix: "Fix.", ...fields };
}

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
    const findings = auditTrustPolicy(policyOf(airplaneStatement(null, { Principal: "*", Action: "*" })));
    expect(findings.length).toBe(4);
    for (const line of findings.map((each) => formatFinding(each))) expect(line).not.toContain("\n");
  });
});

describe("formatFindings and summarizeFindings", () => {
  it("ends the report with the counts by severity", () => {
    const findings = auditTrustPolicy(policyOf(airplaneStatement(null)));
    const report = formatFindings(findings).split("\n");
    expect(report).toHaveLength(3);
    expect(report[0]).toMatch(/^CRITICAL sub-missing Statement\[0\]: /);
    expect(report[1]?.startsWith("HIGH     aud-missing Statement[0]: ")).toBe(true);
    expect(report[2]).toBe("2 findings: 1 critical, 1 high.");
  });

  it("says when there is nothing to report", () => {
    expect(formatFindings([])).toBe("No findings.");
    expect(summarizeFindings([finding({})])).toBe("1 finding: 1 low.");
  });
});

describe("findingRows", () => {
  it("turns findings into flat rows for a table", () => {
    const rows = findingRows(
      auditTrustPolicy(policyOf(airplaneStatement({ StringEquals: AUD }, { Sid: "A" })), { roleName: "deploy" }),
    );
    expect(rows.map(({ problem: _, fix: __, ...row }) => row)).toEqual([
      { role: "deploy", severity: "critical", code: "sub-missing", statement: 'Statement[0] "A"' },
    ]);
    expect(rows[0]?.problem).toMatch(/every Airplane team/);
    expect(rows[0]?.fix).toMatch(/^Pin the task's subject/);
  });
});

describe("sortFindings", () => {
  it("sorts by severity, then role, then statement (the whole policy first), then code, without touching the input", () => {
    const input = [
      finding({ severity: "low", statementIndex: 0 }),
      finding({ severity: "high", code: "aud-missing", statementIndex: 2 }),
      finding({ severity: "high", code: "aud-missing", statementIndex: 1, roleName: "b" }),
      finding({ severity: "high", code: "sub-unexpected", statementIndex: 1, roleName: "a" }),
      finding({ severity: "high", code: "aud-missing", statementIndex: 1, roleName: "a" }),
      finding({ severity: "medium", code: "expected-subject-refused" }),
      finding({ severity: "medium", code: "sub-spans-tasks", statementIndex: 0 }),
      finding({ severity: "critical", code: "sub-missing", statementIndex: 3 }),
    ];
    const copy = [...input];
    const sorted = sortFindings(input).map(
      (each) => `${each.severity} ${each.roleName ?? "-"} ${each.statementIndex ?? "p"} ${each.code}`,
    );
    expect(sorted).toEqual([
      "critical - 3 sub-missing",
      "high - 2 aud-missing",
      "high a 1 sub-unexpected",
      "high a 1 aud-missing",
      "high b 1 aud-missing",
      "medium - p expected-subject-refused",
      "medium - 0 sub-spans-tasks",
      "low - 0 condition-key-case",
    ]);
    expect(input).toEqual(copy);
  });
});

describe("the finding codes", () => {
  it("each have one of the four severities, and failsAudit fails on critical and high only", () => {
    for (const code of FINDING_CODES) expect(SEVERITIES).toContain(FINDING_RULES[code].severity);
    expect(failsAudit([finding({ severity: "high" })])).toBe(true);
    expect(failsAudit([finding({ severity: "critical" })])).toBe(true);
    expect(failsAudit([finding({ severity: "medium" }), finding({ severity: "low" })])).toBe(false);
    expect(failsAudit([])).toBe(false);
  });
});
