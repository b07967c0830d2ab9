import { evaluatePolicies, type RequestContext } from "@repo/iam-policy";
import { authorizeAction } from "../authz/authorizeAction";
import type { ResolvedConfig, ResolvedRole } from "../config/resolvedConfig";
import { ServiceError } from "../http/serviceError";
import type { LogDetails } from "../http/serviceTypes";
import type { XmlElement } from "../protocol/xml";
import type { Session } from "../state/sessionStore";
import { type IssueDependencies, issueRoleSession } from "./issueRoleSession";
import { assumeRoleParameters } from "./assumeRoleParameters";

// STS caps a session assumed by an assumed-role session (role chaining) at one hour.
const CHAINED_MAX_SECONDS = 3600;

const notAuthorized = (caller: Session, action: string, roleArn: string) =>
  new ServiceError(
    "AccessDenied",
    403,
    `User: ${caller.assumedRoleArn} is not authorized to perform: ${action} on resource: ${roleArn}`,
  );

/**
 * STS AssumeRole from an assumed-role session of this account (role chaining), checking what STS
 * checks: the parameters; the target role's trust policy, evaluated for sts:AssumeRole and, when
 * the request carries session tags, for sts:TagSession too, with the caller's role ARN as the AWS
 * principal and `sts:ExternalId`, `sts:RoleSessionName`, `aws:RequestTag/*` and `aws:TagKeys` in
 * the context; for a role of another account, the caller's own permission policies too (a trust
 * policy lets another account in only when that account's policies allow the call, as IAM's
 * cross-account rule has it); the one-hour cap of chained sessions. The refusal names both ARNs, as
 * STS's does. A role the stand-in does not play is "not authorized", as in STS.
 */
export function assumeRole(
  parameters: Record<string, string>,
  caller: Session,
  annotate: (details: LogDetails) => void,
  dependencies: IssueDependencies,
): XmlElement {
  const { config } = dependencies;
  const request = assumeRoleParameters(parameters);
  annotate({ roleSessionName: request.roleSessionName });
  const role = roleOf(request.roleArn, config);
  if (!role) throw notAuthorized(caller, "sts:AssumeRole", request.roleArn);

  const context: RequestContext = {
    "aws:PrincipalArn": caller.role.arn,
    "sts:RoleSessionName": request.roleSessionName,
    ...(request.externalId !== undefined ? { "sts:ExternalId": request.externalId } : {}),
    ...Object.fromEntries(request.tags.map(({ key, value }) => [`aws:RequestTag/${key}`, value])),
    ...(request.tags.length > 0 ? { "aws:TagKeys": request.tags.map(({ key }) => key) } : {}),
  };
  const trusts = (action: string) =>
    evaluatePolicies([role.trustPolicy], { action, principal: { type: "AWS", id: caller.role.arn }, context }).allowed;
  if (!trusts("sts:AssumeRole")) throw notAuthorized(caller, "sts:AssumeRole", role.arn);
  if (request.tags.length > 0 && !trusts("sts:TagSession")) throw notAuthorized(caller, "sts:TagSession", role.arn);
  if (role.accountId !== caller.accountId) {
    const at = dependencies.now();
    authorizeAction(caller, { action: "sts:AssumeRole", resource: role.arn, context }, at);
    if (request.tags.length > 0) authorizeAction(caller, { action: "sts:TagSession", resource: role.arn, context }, at);
  }

  if (request.durationSeconds > CHAINED_MAX_SECONDS) {
    throw new ServiceError(
      "ValidationError",
      400,
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
  }
  return { ...issueRoleSession(role, { ...request, sub: caller.sub }, dependencies), PackedPolicySize: 0 };
}

function roleOf(roleArn: string, config: ResolvedConfig): ResolvedRole | undefined {
  const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!match) return undefined;
  return config.roles.find((candidate) => candidate.accountId === match[1] && candidate.name === match[2]);
}
