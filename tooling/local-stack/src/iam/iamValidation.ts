import { ServiceError } from "../http/serviceError";

/** IAM's `ValidationError` for one parameter, worded as AWS words it. */
export function validationError(value: string | undefined, member: string, constraint: string): ServiceError {
  const shown = value === undefined ? "null" : `'${value}'`;
  return new ServiceError(
    "ValidationError",
    400,
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}
