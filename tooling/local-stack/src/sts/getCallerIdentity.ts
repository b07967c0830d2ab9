import type { XmlElement } from "../protocol/xml";
import type { Session } from "../state/sessionStore";

/** STS GetCallerIdentity: who signed the request. It needs no permission, as in AWS. */
export function getCallerIdentity(caller: Session): XmlElement {
  return { UserId: caller.assumedRoleId, Account: caller.accountId, Arn: caller.assumedRoleArn };
}
