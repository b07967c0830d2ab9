import type { Severity, TrustPolicyFinding } from "@repo/trust-policy-audit";

/** Severities that fail the audit (the command exits 1): someone the role was not meant for can assume it. */
export const FAILING_SEVERITIES: readonly Severity[] = ["critical", "high"];

/** Whether the findings fail the audit: any critical or high. */
export function failsAudit(findings: readonly TrustPolicyFinding[]): boolean {
  return findings.some((finding) => FAILING_SEVERITIES.includes(finding.severity));
}
