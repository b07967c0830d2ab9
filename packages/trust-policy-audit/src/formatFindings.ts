import { SEVERITIES, type Severity } from "./findingRules";
import { statementLabel } from "./findingRows";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

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

/** `3 findings: 1 critical, 2 high.` or `No findings.` */
export function summarizeFindings(findings: readonly TrustPolicyFinding[]): string {
  if (findings.length === 0) return "No findings.";
  const counts = SEVERITIES.map((severity) => [severity, countOf(findings, severity)] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  return `${findings.length} finding${findings.length === 1 ? "" : "s"}: ${counts.join(", ")}.`;
}

/** A report for a terminal or an Airplane run's log: one line a finding, in the given order, then the counts. */
export function formatFindings(findings: readonly TrustPolicyFinding[], options: FormatOptions = {}): string {
  return [...findings.map((finding) => formatFinding(finding, options)), summarizeFindings(findings)].join("\n");
}

function countOf(findings: readonly TrustPolicyFinding[], severity: Severity): number {
  return findings.filter((finding) => finding.severity === severity).length;
}
