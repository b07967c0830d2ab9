import { SEVERITIES, statementLabel, summarizeFindings, type TrustPolicyFinding } from "@repo/trust-policy-audit";

const SEVERITY_WIDTH = Math.max(...SEVERITIES.map((severity) => severity.length));

export interface FormatOptions {
  /** Name the role on each line (default true); off where a heading already names it. */
  showRole?: boolean;
}

/** One line: severity, code, where (role and statement), the problem and the fix. */
export function formatFinding(finding: TrustPolicyFinding, options: FormatOptions = {}): string {
  const role = options.showRole === false ? undefined : (finding.roleName ?? finding.roleArn);
  const where = `${role !== undefined ? `role ${role} ` : ""}${statementLabel(finding)}`;
  return `${finding.severity.toUpperCase().padEnd(SEVERITY_WIDTH)} ${finding.code} ${where}: ${finding.problem} Fix: ${finding.fix}`;
}

/** The report on a terminal: one line a finding, in the given order, then the counts. */
export function formatFindings(findings: readonly TrustPolicyFinding[], options: FormatOptions = {}): string {
  return [...findings.map((finding) => formatFinding(finding, options)), summarizeFindings(findings)].join("\n");
}
