import type { ConditionClause, NormalizedPolicy, NormalizedStatement, PolicyStatement } from "@repo/iam-policy";
import { airplaneTrust, type AirplaneTrust } from "./airplaneTrust";
import { classifyConditions, federatedHosts, type StatementConditions } from "./claimConditions";
import type { FindingCode } from "./findingRules";
import type { ExpectedSubject } from "./subjectExpectation";
import { createFinding, type TrustPolicyFinding } from "./trustPolicyFinding";

/** What the caller says the role is for, checked and with defaults applied. */
export interface AuditSettings {
  expectation: ExpectedSubject[];
  audience: string;
  /** From the role's ARN when the caller gave it, to write the provider's ARN into fixes. */
  accountId?: string;
}

/** An Allow statement that lets Airplane's tokens assume the role, read once for every rule. */
export interface StatementUnderAudit {
  statement: NormalizedStatement;
  written: PolicyStatement;
  trust: AirplaneTrust;
  conditions: StatementConditions;
}

export function statementsTrustingAirplane(
  policy: NormalizedPolicy,
  written: readonly PolicyStatement[],
): StatementUnderAudit[] {
  return policy.statements.flatMap((statement) => {
    const trust = airplaneTrust(statement);
    if (!trust) return [];
    const otherProviders = federatedHosts(
      trust.others.filter((other) => other.type === "Federated").map((other) => other.value),
    );
    const conditions = classifyConditions(statement, otherProviders);
    return [{ statement, written: written[statement.index] as PolicyStatement, trust, conditions }];
  });
}

/** A finding about one statement, and about one of its conditions when `clause` is given. */
export function statementFinding(
  code: FindingCode,
  target: StatementUnderAudit,
  text: { problem: string; fix: string },
  clause?: ConditionClause,
  values: readonly string[] = clause?.values ?? [],
): TrustPolicyFinding {
  const { statement, written } = target;
  return createFinding(code, {
    statementIndex: statement.index,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    statement: written,
    ...(clause ? { condition: { operator: clause.operator.name, key: clause.key, values: [...values] } } : {}),
    ...text,
  });
}
