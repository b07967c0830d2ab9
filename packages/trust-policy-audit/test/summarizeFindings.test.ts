import { describe, expect, it } from "vitest";
import {
  auditTrustPolicy,
  FINDING_CODES,
  FINDING_RULES,
  findingRows,
  SEVERITIES,
  sortFindings,
  summarizeFindings,
  type TrustPolicyFinding,
} from "../src/index";
import { airplaneStatement, AUD, policyOf } from "./policies";

function finding(fields: Partial<TrustPolicyFinding>): TrustPolicyFinding {
  return { severity: "low", code: "condition-key-case", problem: "Problem.", fix: "Fix.", ...fields };
}

describe("summarizeFindings", () => {
  it("counts the findings by severity, most severe first", () => {
    expect(summarizeFindings(auditTrustPolicy(policyOf(airplaneStatement(null))))).toBe(
      "2 findings: 1 critical, 1 high.",
    );
    expect(summarizeFindings([finding({})])).toBe("1 finding: 1 low.");
    expect(summarizeFindings([])).toBe("No findings.");
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
  it("each have one of the four severities", () => {
    for (const code of FINDING_CODES) expect(SEVERITIES).toContain(FINDING_RULES[code].severity);
  });
});
