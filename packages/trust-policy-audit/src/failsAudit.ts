import { FAILING_SEVERITIES } from "./findingRules";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/** Whether the findings should fail a check (the command's exit code 1): any critical or high. */
export function failsAudit(findings: readonly TrustPolicyFinding[]): boolean {
  return findings.some((finding) => FAILING_SEVERITIES.includes(finding.severity));
}
