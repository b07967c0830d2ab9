/**
 * A document IAM would refuse (IAM answers `MalformedPolicyDocument`). `path` says where, for
 * example `Statement[1].Condition.StringEquals`.
 */
export class PolicyParseError extends Error {
  override readonly name = "PolicyParseError";
  readonly path: string;

  constructor(path: string, problem: string) {
    super(path ? `${path}: ${problem}` : problem);
    this.path = path;
  }
}

/** A valid policy this evaluator cannot decide, such as a condition operator it does not implement. */
export class PolicyEvaluationError extends Error {
  override readonly name = "PolicyEvaluationError";
}
