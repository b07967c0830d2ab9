import { STS_AUDIENCE } from "@repo/oidc-issuers";
import { auditAudience } from "./auditAudience";
import { auditClaimOperators } from "./auditClaimOperators";
import { auditConditionKeys, neverHolds } from "./auditConditionKeys";
import { auditExpectedSubjects } from "./auditExpectedSubjects";
import { auditPrincipal } from "./auditPrincipal";
import { auditSubject } from "./auditSubject";
import { readTrustPolicy } from "./readTrustPolicy";
import type { FindingCode } from "./findingRules";
import { sortFindings } from "./sortFindings";
import { statementsTrustingAirplane, type AuditSettings } from "./statementUnderAudit";
import { AuditOptionsError } from "./auditOptionsError";
import { resolveExpectation, type ExpectedSubjectOptions } from "./subjectExpectation";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

export interface AuditOptions extends ExpectedSubjectOptions {
  /** The audience the tasks ask for with `airplane.auth.idToken(audience)`. Default: sts.amazonaws.com. */
  audience?: string;
  /** Copied into every finding, to tell roles apart when many are audited. */
  roleName?: string;
  /** Copied into every finding; its account ID is written into the fixes that name the provider. */
  roleArn?: string;
}

// Findings that say a statement lets in tokens it should not because nothing restricts them: untrue
// of a statement that never holds (a condition on a key IAM never sets), which lets no token in.
// Findings about what a value would admit once its key is fixed still apply to such a statement.
const UNRESTRICTED = new Set<FindingCode>([
  "sub-missing",
  "sub-negated-only",
  "aud-missing",
  "aud-negated-only",
  "principal-anyone",
]);

/**
 * The mistakes of a role's trust policy that let the wrong Airplane tasks assume the role, or
 * keep the right ones out, most severe first. Only statements that let Airplane's tokens in are
 * audited (Allow, a principal that takes in the api.airplane.dev provider, an action that takes in
 * sts:AssumeRoleWithWebIdentity); a policy with none has no findings.
 *
 * `document` is the policy as an object, JSON text, or URL-encoded JSON as IAM's GetRole and
 * ListRoles return it. Throws `PolicyParseError` for a document IAM would not accept, and
 * `AuditOptionsError` for options that do not describe Airplane subjects.
 */
export function auditTrustPolicy(document: unknown, options: AuditOptions = {}): TrustPolicyFinding[] {
  const settings = resolveAuditSettings(options);
  const { policy, statements } = readTrustPolicy(document);
  const targets = statementsTrustingAirplane(policy, statements);
  const findings = [
    ...targets.flatMap((target) =>
      [
        ...auditPrincipal(target, settings),
        ...auditConditionKeys(target),
        ...auditSubject(target, settings),
        ...auditAudience(target, settings),
        ...auditClaimOperators(target, settings),
      ].filter((finding) => !(UNRESTRICTED.has(finding.code) && neverHolds(target))),
    ),
    ...auditExpectedSubjects(policy, targets, settings),
  ];
  const role = {
    ...(options.roleName !== undefined ? { roleName: options.roleName } : {}),
    ...(options.roleArn !== undefined ? { roleArn: options.roleArn } : {}),
  };
  return sortFindings(findings.map((finding) => ({ ...finding, ...role })));
}

/** Whether any Allow statement lets Airplane's tokens assume the role: the roles worth auditing. */
export function trustsAirplane(document: unknown): boolean {
  const { policy, statements } = readTrustPolicy(document);
  return statementsTrustingAirplane(policy, statements).length > 0;
}

/** The options checked, with defaults applied; throws `AuditOptionsError` saying what to write instead. */
export function resolveAuditSettings(options: AuditOptions): AuditSettings {
  const audience = options.audience ?? STS_AUDIENCE;
  if (audience.trim() === "" || audience !== audience.trim()) {
    throw new AuditOptionsError("audience", `${JSON.stringify(audience)} is not an audience: use sts.amazonaws.com.`);
  }
  const accountId = /^arn:[^:]+:iam::(\d{12}):role\//.exec(options.roleArn ?? "")?.[1];
  return {
    expectation: resolveExpectation(options),
    audience,
    ...(accountId ? { accountId } : {}),
  };
}
