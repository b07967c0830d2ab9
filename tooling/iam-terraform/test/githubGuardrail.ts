import { normalizePolicy, type PolicyDocument } from "@repo/iam-policy";

const GITHUB_PROVIDER = /:oidc-provider\/token\.actions\.githubusercontent\.com$/;
const GUARDED_KEYS = [
  "token.actions.githubusercontent.com:sub",
  "token.actions.githubusercontent.com:job_workflow_ref",
];
const GUARDED_OPERATORS = ["StringEquals", "StringLike", "StringEqualsIgnoreCase"];

/**
 * IAM's rule for a role that trusts GitHub's provider, as documented: CreateRole and
 * UpdateAssumeRolePolicy fail with MalformedPolicyDocument unless the policy evaluates `:sub` or
 * `:job_workflow_ref` with StringEquals, StringLike or StringEqualsIgnoreCase, "not scoped to all".
 * Like IAM (a public probe found), it reads only the first value of a list. The problem, or undefined.
 */
export function githubGuardrailProblem(document: PolicyDocument): string | undefined {
  const trustsGithub = normalizePolicy(document).statements.filter(
    (statement) =>
      statement.effect === "Allow" &&
      (statement.principal?.byType.Federated ?? []).some((arn) => GITHUB_PROVIDER.test(arn)),
  );
  for (const statement of trustsGithub) {
    const guarded = statement.conditions.some(
      (clause) =>
        GUARDED_OPERATORS.includes(clause.operator.name) &&
        GUARDED_KEYS.includes(clause.key.toLowerCase()) &&
        clause.values[0] !== undefined &&
        clause.values[0] !== "*",
    );
    if (!guarded) return `Statement[${statement.index}] trusts GitHub's provider without a sub condition IAM accepts.`;
  }
  return undefined;
}
