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
}

/**
 * Enforces the caller's role permission policies with `@repo/iam-policy`, and answers
 * `AccessDenied` with the message AWS gives today (it names the principal, the action, the
 * resource and whether a Deny or the lack of an Allow refused it).
 */
export function authorizeAction(caller: Session, request: ActionRequest, now: Date): void {
  const context: RequestContext = {
    "aws:PrincipalArn": caller.role.arn,
    "aws:PrincipalAccount": caller.assumedRoleArn.split(":")[4] ?? "",
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
  if (result.allowed) return;
  const reason =
    result.decision === "ExplicitDeny"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${request.action} action`;
  throw new ServiceError(
    "AccessDenied",
    403,
    `User: ${caller.assumedRoleArn} is not authorized to perform: ${request.action} on resource: ${request.resource} ${reason}`,
  );
}
