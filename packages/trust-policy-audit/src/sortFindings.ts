import { FINDING_CODES, SEVERITIES } from "./findingRules";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/**
 * Most severe first; then by role (when findings of many roles are merged), statement (findings
 * about the whole policy first) and code. Returns a new array.
 */
export function sortFindings(findings: readonly TrustPolicyFinding[]): TrustPolicyFinding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      (a.roleName ?? a.roleArn ?? "").localeCompare(b.roleName ?? b.roleArn ?? "") ||
      (a.statementIndex ?? -1) - (b.statementIndex ?? -1) ||
      FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code),
  );
}
