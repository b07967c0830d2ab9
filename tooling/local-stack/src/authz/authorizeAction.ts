import { evaluatePolicies, type RequestContext } from "@repo/iam-policy";
import { ServiceError } from "../http/serviceError";
import type { Session } from "../state/sessionStore";

export interface ActionRequest {
  /** For example `s3:GetBucketTagging`. */
  action: string;
  /** For example `arn:aws:s3:::demo-bucket`, or `*` for actions without a resource. */
  resource: string;
  /** The signing region, for `aws:RequestedRegion`. */
  region?: string;
  /** Service-specific keys, such as `aws:ResourceTag/<key>` for an ABAC bucket. */
  context?: RequestContext;
  /**
   * The account that owns the resource, when it is one (a bucket). Another account's resource is
   * refused: the stand-in has no resource-based policy (bucket policy) that could let the caller in.
   */
  resourceAccount?: string;
}

/**
 * Enforces the caller's role permission policies with `@repo/iam-policy`, and answers
 * `AccessDenied` with the message AWS gives today (it names the principal, the action, the
 * resource and whether a Deny or the lack of an Allow refused it).
 */
export function authorizeAction(caller: Session, request: ActionRequest, now: Date): void {
  const context: RequestContext = {
    "aws:PrincipalArn": caller.role.arn,
    "aws:PrincipalAccount": caller.accountId,
    "aws:PrincipalType": "AssumedRole",
    "aws:userid": caller.assumedRoleId,
    "aws:SecureTransport": "false",
    "aws:CurrentTime": now.toISOString(),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
    ...(request.region ? { "aws:RequestedRegion": request.region } : {}),
    ...request.context,
  };
  const result = evaluatePolicies(caller.role.permissionPolicies, {
    action: request.action,
    resource: request.resource,
    context,
  });
  const foreign = request.resourceAccount !== undefined && request.resourceAccount !== caller.accountId;
  if (result.allowed && !foreign) return;
  const reason = result.allowed
    ? `because no resource-based policy allows the ${request.action} action`
    : result.decision === "ExplicitDeny"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${request.action} action`;
  throw new ServiceError(
    "AccessDenied",
    403,
    `User: ${caller.assumedRoleArn} is not authorized to perform: ${request.action} on resource: ${request.resource} ${reason}`,
  );
}
