import type { ResolvedRole } from "../config/resolvedConfig";
import type { XmlElement } from "../protocol/xml";
import { awsTimestamp } from "../sts/awsTimestamp";

/**
 * A role as IAM's ListRoles and GetRole return it. The trust policy is URL-encoded JSON, as IAM
 * returns every policy document: a client must `decodeURIComponent` it before `JSON.parse`.
 */
export function roleElement(role: ResolvedRole): XmlElement {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: awsTimestamp(role.createDate),
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(role.trustPolicyDocument)),
    ...(role.description !== undefined ? { Description: role.description } : {}),
    MaxSessionDuration: role.maxSessionDurationSeconds,
  };
}
