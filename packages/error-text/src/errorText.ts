import { ServiceException } from "@smithy/core/client";

/**
 * An error as a person should read it. An AWS service error names its code only in `name`
 * (`AccessDenied`, `NoSuchBucket`) and says little in `message`, so both are shown; every other
 * error (this repository's own, which say what to fix) reads by its message alone. The SDK's
 * `ServiceException` check also knows the errors of clients built with another copy of the SDK.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!ServiceException.isInstance(error) || error.message.startsWith(error.name)) return error.message;
  return `${error.name}: ${error.message}`;
}
