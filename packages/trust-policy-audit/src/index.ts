export { auditTrustPolicy, trustsAirplane, type AuditOptions } from "./auditTrustPolicy";
export type { TrustPolicyFinding, FindingCondition } from "./trustPolicyFinding";
export {
  FAILING_SEVERITIES,
  FINDING_CODES,
  FINDING_RULES,
  SEVERITIES,
  severityOf,
  type FindingCode,
  type Severity,
} from "./findingRules";
export { AuditOptionsError, type AuditOptionName } from "./auditOptionsError";
export type { ExpectedSubjectOptions } from "./subjectExpectation";
export { sortFindings } from "./sortFindings";
export { failsAudit } from "./failsAudit";
export { formatFinding, formatFindings, summarizeFindings, type FormatOptions } from "./formatFindings";
export { findingRows, type FindingRow } from "./findingRows";
export { readTrustPolicy, type TrustPolicy } from "./readTrustPolicy";
export { PolicyParseError } from "@repo/iam-policy";
