import { authorizeAction } from "../authz/authorizeAction";
import { ROLE_NAME } from "../config/awsNames";
import type { ResolvedConfig } from "../config/resolvedConfig";
import { ServiceError } from "../http/serviceError";
import type { XmlElement } from "../protocol/xml";
import type { Session } from "../state/sessionStore";
import { validationError } from "./iamValidation";
import { roleElement } from "./roleElement";

/** IAM GetRole (needs `iam:GetRole` on the role's ARN); `NoSuchEntity` (404) for an unknown role. */
export function getRole(
  parameters: Record<string, string>,
  caller: Session,
  config: ResolvedConfig,
  now: Date,
): XmlElement {
  const name = parameters.RoleName;
  if (name === undefined) throw validationError(undefined, "roleName", "Member must not be null");
  if (!ROLE_NAME.test(name)) {
    throw validationError(name, "roleName", "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  }
  // IAM finds role names regardless of case.
  const role = config.roles.find(
    (candidate) => candidate.accountId === caller.accountId && candidate.name.toLowerCase() === name.toLowerCase(),
  );
  const arn = role?.arn ?? `arn:aws:iam::${caller.accountId}:role/${name}`;
  authorizeAction(caller, { action: "iam:GetRole", resource: arn }, now);
  if (!role) throw new ServiceError("NoSuchEntity", 404, `The role with name ${name} cannot be found.`);
  return { Role: roleElement(role) };
}
