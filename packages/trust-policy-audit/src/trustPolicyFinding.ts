import type { PolicyStatement } from "@repo/iam-policy";
import { type FindingCode, type Severity, severityOf } from "./findingRules";

/** The condition a finding is about, as the policy writes it. */
export interface FindingCondition {
  operator: string;
  key: string;
  values: string[];
}

export interface TrustPolicyFinding {
  severity: Severity;
  code: FindingCode;
  /** Position of the statement at fault in `Statement`, from 0; absent when the whole policy is at fault. */
  statementIndex?: number;
  sid?: string;
  /** The statement at fault as the policy writes it. */
  statement?: PolicyStatement;
  condition?: FindingCondition;
  /** One sentence: what is wrong and who it lets in or locks out. */
  problem: string;
  /** What to write instead, with the corrected condition where there is one. */
  fix: string;
  /** Set from the audit's options, to tell roles apart when many are audited at once. */
  roleName?: string;
  roleArn?: string;
}

export function createFinding(
  code: FindingCode,
  fields: Omit<TrustPolicyFinding, "code" | "severity">,
): TrustPolicyFinding {
  return { severity: severityOf(code), code, ...fields };
}
