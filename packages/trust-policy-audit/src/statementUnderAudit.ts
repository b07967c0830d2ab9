import type { ConditionClause, NormalizedPolicy, NormalizedStatement, PolicyStatement } from "@repo/iam-policy";
import { classifyConditions, federatedHosts, type StatementConditions } from "./claimConditions";
import type { FindingCode } from "./findingRules";
import { type Platform, PLATFORMS } from "./platforms";
import { namesProvider, platformTrust, type PlatformTrust } from "./platformTrust";
import type { ExpectedSubject } from "./subjectExpectation";
import { createFinding, type TrustPolicyFinding } from "./trustPolicyFinding";

/** What the caller says the role is for, checked and with defaults applied. */
export interface AuditSettings {
  /** The subjects the role is meant for, per platform; empty when the caller did not say. */
  expectation: Record<Platform["id"], ExpectedSubject[]>;
  /**
   * GitHub's subjects of the repository by name, when the caller gave its IDs: its tokens carry
   * the IDs, so a value that admits one of these matches none of them.
   */
  githubNameForm: ExpectedSubject[];
  audience: string;
  /** From the role's ARN when the caller gave it, to write the provider's ARN into fixes. */
  accountId?: string;
}

/** An Allow statement that lets one platform's tokens assume the role, read once for every rule. */
export interface StatementUnderAudit {
  platform: Platform;
  statement: NormalizedStatement;
  written: PolicyStatement;
  trust: PlatformTrust;
  conditions: StatementConditions;
}

/**
 * The statements that let each platform's tokens in. A statement that names a provider is
 * audited for it (for each, if it names several); one that takes a provider in only with
 * everyone else (`"Principal": "*"`, a Federated wildcard) is audited for the platforms its
 * condition keys name, or else for the first, so that one mistake is not reported twice.
 */
export function statementsTrusted(
  policy: NormalizedPolicy,
  written: readonly PolicyStatement[],
): StatementUnderAudit[] {
  return policy.statements.flatMap((statement) => {
    const trusted = PLATFORMS.flatMap((platform) => {
      const trust = platformTrust(statement, platform);
      return trust ? [{ platform, trust }] : [];
    });
    const named = trusted.filter(({ trust }) => namesProvider(trust));
    const keyed = trusted.filter(({ platform }) =>
      statement.conditions.some((clause) => clause.key.toLowerCase().startsWith(`${platform.host}:`)),
    );
    const audited = named.length > 0 ? named : keyed.length > 0 ? keyed : trusted.slice(0, 1);
    return audited.map(({ platform, trust }) => {
      const otherProviders = federatedHosts(
        trust.others.filter((other) => other.type === "Federated").map((other) => other.value),
      );
      const conditions = classifyConditions(statement, platform, otherProviders);
      return { platform, statement, written: written[statement.index] as PolicyStatement, trust, conditions };
    });
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
