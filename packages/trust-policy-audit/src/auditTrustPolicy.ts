import { STS_AUDIENCE } from "@repo/oidc-issuers";
import { auditAudience } from "./auditAudience";
import { auditClaimOperators } from "./auditClaimOperators";
import { auditConditionKeys, neverHolds } from "./auditConditionKeys";
import { auditExpectedSubjects } from "./auditExpectedSubjects";
import { auditPrincipal } from "./auditPrincipal";
import { auditSubject } from "./auditSubject";
import { AuditOptionsError } from "./auditOptionsError";
import type { FindingCode } from "./findingRules";
import { type PlatformId, PLATFORMS } from "./platforms";
import { readTrustPolicy } from "./readTrustPolicy";
import { sortFindings } from "./sortFindings";
import { type AuditSettings, statementsTrusted } from "./statementUnderAudit";
import { resolveExpectation, type ExpectedSubjectOptions } from "./subjectExpectation";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

export interface AuditOptions extends ExpectedSubjectOptions {
  /** The audience the tasks ask their platform for. Default: sts.amazonaws.com. */
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

// Findings about a statement's principals and actions, whichever platform it is audited for: a
// statement that names two providers gets each once.
const ONCE_PER_STATEMENT = new Set<FindingCode>([
  "principal-anyone",
  "principal-mixed",
  "federated-principal-wildcard",
  "action-wider-than-web-identity",
]);

/**
 * The mistakes of a role's trust policy that let the wrong tasks assume the role, or keep the
 * right ones out, most severe first. Only statements that let Airplane's or GitHub Actions'
 * tokens in are audited (Allow, a principal that takes in the platform's provider, an action that
 * takes in sts:AssumeRoleWithWebIdentity); a policy with none has no findings.
 *
 * `document` is the policy as an object, JSON text, or URL-encoded JSON as IAM's GetRole and
 * ListRoles return it. Throws `PolicyParseError` for a document IAM would not accept, and
 * `AuditOptionsError` for options that do not describe subjects.
 */
export function auditTrustPolicy(document: unknown, options: AuditOptions = {}): TrustPolicyFinding[] {
  const settings = resolveAuditSettings(options);
  const { policy, statements } = readTrustPolicy(document);
  const targets = statementsTrusted(policy, statements);
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
    ...PLATFORMS.flatMap((platform) =>
      auditExpectedSubjects(
        platform,
        policy,
        targets.filter((target) => target.platform === platform),
        settings,
      ),
    ),
  ];
  const said = new Set<string>();
  const once = findings.filter((finding) => {
    if (!ONCE_PER_STATEMENT.has(finding.code)) return true;
    const key = `${finding.statementIndex}:${finding.code}`;
    return said.has(key) ? false : Boolean(said.add(key));
  });
  const role = {
    ...(options.roleName !== undefined ? { roleName: options.roleName } : {}),
    ...(options.roleArn !== undefined ? { roleArn: options.roleArn } : {}),
  };
  return sortFindings(once.map((finding) => ({ ...finding, ...role })));
}

/** The platforms whose tokens an Allow statement lets assume the role: the roles worth auditing. */
export function platformsTrusted(document: unknown): PlatformId[] {
  const { policy, statements } = readTrustPolicy(document);
  const trusted = new Set(statementsTrusted(policy, statements).map((target) => target.platform.id));
  return PLATFORMS.filter((platform) => trusted.has(platform.id)).map((platform) => platform.id);
}

/** The options checked, with defaults applied; throws `AuditOptionsError` saying what to write instead. */
export function resolveAuditSettings(options: AuditOptions): AuditSettings {
  const audience = options.audience ?? STS_AUDIENCE;
  if (audience.trim() === "" || audience !== audience.trim()) {
    throw new AuditOptionsError("audience", `${JSON.stringify(audience)} is not an audience: use sts.amazonaws.com.`);
  }
  const accountId = /^arn:[^:]+:iam::(\d{12}):role\//.exec(options.roleArn ?? "")?.[1];
  const { subjects, githubNameForm } = resolveExpectation(options);
  return {
    expectation: subjects,
    githubNameForm,
    audience,
    ...(accountId ? { accountId } : {}),
  };
}
