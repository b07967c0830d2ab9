import type { Severity } from "./findingRules";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/** A finding as flat strings: a row of a table (an Airplane run's output, a spreadsheet). */
export interface FindingRow {
  role: string;
  severity: Severity;
  code: string;
  statement: string;
  problem: string;
  fix: string;
}

export function findingRows(findings: readonly TrustPolicyFinding[]): FindingRow[] {
  return findings.map((finding) => ({
    role: finding.roleName ?? finding.roleArn ?? "",
    severity: finding.severity,
    code: finding.code,
    statement: statementLabel(finding),
    problem: finding.problem,
    fix: finding.fix,
  }));
}

/** `Statement[0] "AirplaneOidc"`, or `policy` for a finding about the whole policy. */
export function statementLabel(finding: TrustPolicyFinding): string {
  if (finding.statementIndex === undefined) return "policy";
  const sid = finding.sid ? ` ${JSON.stringify(finding.sid)}` : "";
  return `Statement[${finding.statementIndex}]${sid}`;
}
