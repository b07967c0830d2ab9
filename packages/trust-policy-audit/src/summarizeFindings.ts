import { SEVERITIES, type Severity } from "./findingRules";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/** `3 findings: 1 critical, 2 high.` or `No findings.` */
export function summarizeFindings(findings: readonly TrustPolicyFinding[]): string {
  if (findings.length === 0) return "No findings.";
  const counts = SEVERITIES.map((severity) => [severity, countOf(findings, severity)] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  return `${findings.length} finding${findings.length === 1 ? "" : "s"}: ${counts.join(", ")}.`;
}

function countOf(findings: readonly TrustPolicyFinding[], severity: Severity): number {
  return findings.filter((finding) => finding.severity === severity).length;
}
