import { evaluateConditions } from "./evaluateCondition";
import { matchAction } from "./matchAction";
import { matchArn } from "./matchArn";
import { matchPrincipal, type RequestPrincipal } from "./matchPrincipal";
import type { NormalizedPolicy, NormalizedStatement, PatternList } from "./normalizedPolicy";
import type { Effect } from "./policyDocument";
import type { RequestContext } from "./requestContext";

export interface AuthorizationRequest {
  /** For example `s3:GetBucketTagging` or `sts:AssumeRoleWithWebIdentity`. */
  action: string;
  /** The resource ARN; omitted for a trust policy, whose resource is the role itself. */
  resource?: string;
  /** Needed where statements name principals (trust and other resource policies). */
  principal?: RequestPrincipal;
  context?: RequestContext;
}

/** `ImplicitDeny`: no statement allowed the request (IAM's default deny). */
export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

export interface StatementMatch {
  policyIndex: number;
  statementIndex: number;
  sid?: string;
  effect: Effect;
}

export interface EvaluationResult {
  decision: Decision;
  allowed: boolean;
  /** Every statement that applied to the request, Allow and Deny, in policy order. */
  matches: StatementMatch[];
}

function matchList(list: PatternList, value: string, match: (pattern: string, value: string) => boolean): boolean {
  const listed = list.patterns.some((pattern) => match(pattern, value));
  return list.negated ? !listed : listed;
}

/** Whether a statement applies: its principal, action, resource and every condition match. */
export function statementApplies(statement: NormalizedStatement, request: AuthorizationRequest): boolean {
  if (statement.principal && !matchPrincipal(statement.principal, request.principal)) return false;
  if (!matchList(statement.action, request.action, matchAction)) return false;
  if (statement.resource) {
    if (request.resource === undefined || !matchList(statement.resource, request.resource, matchArn)) return false;
  }
  return evaluateConditions(statement.conditions, request.context ?? {});
}

/**
 * The decision of a set of policies, as IAM takes it within one account: an applicable Deny
 * anywhere wins; otherwise an applicable Allow allows; otherwise the request is denied by default.
 */
export function evaluatePolicies(
  policies: readonly NormalizedPolicy[],
  request: AuthorizationRequest,
): EvaluationResult {
  const matches: StatementMatch[] = [];
  policies.forEach((policy, policyIndex) => {
    for (const statement of policy.statements) {
      if (!statementApplies(statement, request)) continue;
      matches.push({
        policyIndex,
        statementIndex: statement.index,
        effect: statement.effect,
        ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
      });
    }
  });
  const decision: Decision = matches.some((match) => match.effect === "Deny")
    ? "ExplicitDeny"
    : matches.some((match) => match.effect === "Allow")
      ? "Allow"
      : "ImplicitDeny";
  return { decision, allowed: decision === "Allow", matches };
}
