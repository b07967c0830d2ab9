/**
 * Inputs the generator refuses: a task definition, an `aws-permissions.json` or a setting. The
 * message lists every problem found and how to fix each.
 */
export class IamInputError extends Error {
  override readonly name = "IamInputError";
}
