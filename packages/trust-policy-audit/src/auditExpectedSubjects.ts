import { evaluatePolicies, type NormalizedPolicy } from "@repo/iam-policy";
import { WEB_IDENTITY_ACTION } from "@repo/oidc-issuers";
import { providerArn, quoteList, recommendedCondition } from "./conditionText";
import type { Platform } from "./platforms";
import type { AuditSettings, StatementUnderAudit } from "./statementUnderAudit";
import { concreteSubjects, type ExpectedSubject } from "./subjectExpectation";
import { suggestedSubjects } from "./suggestedSubjects";
import { createFinding, type TrustPolicyFinding } from "./trustPolicyFinding";

/**
 * Asks the whole policy, as IAM would evaluate it (Deny statements included), whether a token of
 * each task the role is meant for gets in: the "AccessDenied" every OIDC setup meets first.
 */
export function auditExpectedSubjects(
  platform: Platform,
  policy: NormalizedPolicy,
  targets: readonly StatementUnderAudit[],
  settings: AuditSettings,
): TrustPolicyFinding[] {
  const expected = settings.expectation[platform.id].flatMap((each) =>
    concreteSubjects(platform, [each]).map((subject) => ({ subject, parts: each })),
  );
  if (expected.length === 0 || targets.length === 0) return [];
  const trust = targets.map((target) => target.trust);
  const principalId =
    [...trust.flatMap((each) => each.providerArns), ...trust.flatMap((each) => each.malformed)][0] ??
    providerArn(platform, settings.accountId ?? "123456789012");
  const refused = expected.flatMap(({ subject, parts }) => {
    const context = claimsOf(platform, subject, parts, settings.audience);
    // A key of the platform the token would carry but the caller did not describe (:actor, :ref...):
    // whether the token gets in depends on it, so it is not judged.
    const undescribed = policy.statements.some((statement) =>
      statement.conditions.some(
        (clause) => platform.otherKeys.includes(clause.key.toLowerCase()) && !(clause.key.toLowerCase() in context),
      ),
    );
    if (undescribed) return [];
    try {
      const result = evaluatePolicies([policy], {
        action: WEB_IDENTITY_ACTION,
        principal: { type: "Federated", id: principalId },
        context,
      });
      return result.allowed ? [] : [subject];
    } catch {
      // A condition operator the evaluator does not decide: better silent than wrong.
      return [];
    }
  });
  if (refused.length === 0) return [];
  return [
    createFinding("expected-subject-refused", {
      problem:
        `A token with sub ${quoteList(refused)} and aud "${settings.audience}" is refused by the policy as a whole, ` +
        `so those runs fail with AccessDenied "Not authorized to perform ${WEB_IDENTITY_ACTION}".`,
      fix: `Admit every subject the role is meant for: ${recommendedCondition(platform, settings.audience, suggestedSubjects(platform, undefined, settings))}.`,
    }),
  ];
}

/** The request context of such a token: sub and aud, and on GitHub the claims its subject tells. */
function claimsOf(
  platform: Platform,
  subject: string,
  expected: ExpectedSubject,
  audience: string,
): Record<string, string> {
  const context: Record<string, string> = { [platform.subKey]: subject, [platform.audKey]: audience };
  if (platform.id !== "github") return context;
  const [owner = "", ownerId] = (expected.owner ?? "").split("@");
  const [repository = "", repositoryId] = (expected.repository ?? "").split("@");
  const key = (claim: string) => `${platform.host}:${claim}`;
  context[key("repository")] = `${owner}/${repository}`;
  if (ownerId !== undefined && repositoryId !== undefined) context[key("repository_id")] = repositoryId;
  const environment = /^environment:(.+)$/.exec(expected.context ?? "")?.[1];
  if (environment !== undefined) context[key("environment")] = environment;
  return context;
}
