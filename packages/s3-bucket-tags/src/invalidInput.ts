/**
 * Input that AWS would refuse, caught before any AWS call: the message names the parameter, what
 * is wrong with the value and how to fix it.
 */
export class InvalidInputError extends Error {
  override readonly name = "InvalidInputError";

  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}
