import { hasWildcard } from "@repo/iam-policy";
import { WEB_IDENTITY_ACTION } from "@repo/oidc-issuers";
import { inlineJson, providerArn, quoteList } from "./conditionText";
import type { AuditSettings, StatementUnderAudit } from "./statementUnderAudit";
import { statementFinding } from "./statementUnderAudit";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/** Who the statement trusts and for which actions: principals and Action. */
export function auditPrincipal(target: StatementUnderAudit, settings: AuditSettings): TrustPolicyFinding[] {
  const { trust, statement, platform } = target;
  const principalFix = `"Principal": ${inlineJson({ Federated: providerArn(platform, settings.accountId) })}`;
  const findings: TrustPolicyFinding[] = [];

  if (trust.anyone) {
    const written = statement.principal?.negated
      ? "NotPrincipal under Allow trusts every principal it does not list"
      : `"Principal": "*" trusts every principal`;
    findings.push(
      statementFinding("principal-anyone", target, {
        problem: `${written}, so any AWS account or identity provider whose request meets the conditions can assume the role, not only ${platform.words.tokens}.`,
        fix: `Name ${platform.name}'s provider alone: ${principalFix}.`,
      }),
    );
  } else if (trust.others.length > 0) {
    const others = trust.others.map((other) => `${other.type} ${other.value}`);
    findings.push(
      statementFinding("principal-mixed", target, {
        problem:
          `The statement also trusts ${others.join(", ")}: the conditions written for ${platform.words.tokens} bind ` +
          "them too, so they either can never assume the role or the conditions get loosened for them.",
        fix: `Keep ${principalFix} alone in this statement and give the other principals a statement of their own.`,
      }),
    );
  }
  if (trust.wildcards.length > 0) {
    findings.push(
      statementFinding("federated-principal-wildcard", target, {
        problem:
          `"Federated": ${quoteList(trust.wildcards)} names no provider: IAM matches principals exactly, so a ` +
          "wildcard either lets every identity provider of the account through to these conditions or matches nothing.",
        fix: `Name the provider's ARN: ${principalFix}.`,
      }),
    );
  }
  if (trust.malformed.length > 0) {
    findings.push(
      statementFinding("federated-principal-not-provider-arn", target, {
        problem:
          `"Federated": ${quoteList(trust.malformed)} is not the ARN of an IAM OIDC provider, which is how IAM ` +
          `names the provider whose tokens a role accepts, so ${platform.words.tokens} do not match it.`,
        fix: `Write the ARN IAM gave the provider for ${platform.issuer}: ${principalFix}.`,
      }),
    );
  }
  const { action } = statement;
  if (action.negated || action.patterns.some((pattern) => hasWildcard(pattern))) {
    const written = action.negated
      ? `"NotAction": ${quoteList(action.patterns)} under Allow grants every action it does not list`
      : `"Action": ${quoteList(action.patterns.filter((pattern) => hasWildcard(pattern)))} grants more than one action`;
    findings.push(
      statementFinding("action-wider-than-web-identity", target, {
        problem: `${written}, where ${platform.words.tokens} need only ${WEB_IDENTITY_ACTION}.`,
        fix: `Write "Action": "${WEB_IDENTITY_ACTION}" (add "sts:TagSession" only if the ${platform.words.runs} pass session tags).`,
      }),
    );
  }
  return findings;
}
