import type { ConditionBlock, PolicyDocument, PolicyStatement } from "@repo/iam-policy";
import type { TrustPolicyFinding } from "../src/index";

export const TEAM = "tea20010101aaaaaaaaaa";
export const PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/api.airplane.dev";
export const SUBJECT = `team:${TEAM}:env:prod:task:add_s3_bucket_tag`;
export const STUDIO_SUBJECT = `team:${TEAM}:env:studio:task:add_s3_bucket_tag`;
export const AUD = { "api.airplane.dev:aud": "sts.amazonaws.com" };

/** The pinned condition the audit is happy with, for tests that vary something else. */
export const PINNED: ConditionBlock = { StringEquals: { ...AUD, "api.airplane.dev:sub": SUBJECT } };

/** An Allow statement for a provider, with the given condition (null: none) and any element overridden. */
export function federatedStatement(
  provider: string,
  condition: ConditionBlock | null,
  overrides: Partial<PolicyStatement> = {},
): PolicyStatement {
  return {
    Effect: "Allow",
    Principal: { Federated: provider },
    Action: "sts:AssumeRoleWithWebIdentity",
    ...(condition ? { Condition: condition } : {}),
    ...overrides,
  };
}

/** An Allow statement for Airplane's provider. */
export function airplaneStatement(
  condition: ConditionBlock | null = PINNED,
  overrides: Partial<PolicyStatement> = {},
): PolicyStatement {
  return federatedStatement(PROVIDER_ARN, condition, overrides);
}

export function policyOf(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** A policy whose one Airplane statement pins aud and puts `sub` under `operator`. */
export function subPolicy(operator: string, sub: string | string[]): PolicyDocument {
  const condition: ConditionBlock =
    operator === "StringEquals"
      ? { StringEquals: { ...AUD, "api.airplane.dev:sub": sub } }
      : { StringEquals: AUD, [operator]: { "api.airplane.dev:sub": sub } };
  return policyOf(airplaneStatement(condition));
}

export function codesOf(findings: readonly TrustPolicyFinding[]): string[] {
  return findings.map((finding) => finding.code).sort();
}
