import { evaluatePolicies, type NormalizedPolicy } from "@repo/iam-policy";
import { AUDIENCE_CONDITION_KEY, SUBJECT_CONDITION_KEY, WEB_IDENTITY_ACTION } from "@repo/oidc-issuers";
import { providerArn, quoteList, recommendedCondition } from "./conditionText";
import type { AuditSettings, StatementUnderAudit } from "./statementUnderAudit";
import { concreteSubjects } from "./subjectExpectation";
import { suggestedSubjects } from "./suggestedSubjects";
import { createFinding, type TrustPolicyFinding } from "./trustPolicyFinding";

/**
 * Asks the whole policy, as IAM would evaluate it (Deny statements included), whether a token of
 * each task the role is meant for gets in: the "AccessDenied" every OIDC setup meets first.
 */
export function auditExpectedSubjects(
  policy: NormalizedPolicy,
  targets: readonly StatementUnderAudit[],
  settings: AuditSettings,
): TrustPolicyFinding[] {
  const subjects = concreteSubjects(settings.expectation);
  if (subjects.length === 0 || targets.length === 0) return [];
  const trust = targets.map((target) => target.trust);
  const principalId =
    [...trust.flatMap((each) => each.providerArns), ...trust.flatMap((each) => each.malformed)][0] ??
    providerArn(settings.accountId ?? "123456789012");
  const refused = subjects.filter((subject) => {
    try {
      const result = evaluatePolicies([policy], {
        action: WEB_IDENTITY_ACTION,
        principal: { type: "Federated", id: principalId },
        context: { [SUBJECT_CONDITION_KEY]: subject, [AUDIENCE_CONDITION_KEY]: settings.audience },
      });
      return !result.allowed;
    } catch {
      // A condition operator the evaluator does not decide: better silent than wrong.
      return false;
    }
  });
  if (refused.length === 0) return [];
  return [
    createFinding("expected-subject-refused", {
      problem:
        `A token with sub ${quoteList(refused)} and aud "${settings.audience}" is refused by the policy as a whole, ` +
        `so that task's runs fail with AccessDenied "Not authorized to perform ${WEB_IDENTITY_ACTION}".`,
      fix: `Admit every subject the role is meant for: ${recommendedCondition(settings.audience, suggestedSubjects(undefined, settings))}.`,
    }),
  ];
}
