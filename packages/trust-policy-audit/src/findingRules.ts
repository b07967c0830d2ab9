/** Most severe first: the order findings are sorted in. */
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;

export type Severity = (typeof SEVERITIES)[number];

/**
 * Every finding code with its fixed severity, so that a code alone says how bad a finding is.
 * - critical: tokens of other Airplane teams or other GitHub accounts can assume the role;
 * - high: tokens the role was not meant for (other environments, repositories, branches,
 *   airplane dev's studio, other audiences) can assume it, or a restriction is not in force;
 * - medium: every task of an environment can assume it, or a mistake that locks the intended task out;
 * - low: works as meant, but misleads the next reader or is wider than it needs to be.
 */
export const FINDING_RULES = {
  "sub-missing": { severity: "critical", title: "No condition restricts the token's sub" },
  "sub-negated-only": { severity: "critical", title: "sub is restricted only by a negated operator" },
  "sub-spans-teams": { severity: "critical", title: "The sub pattern admits other Airplane teams" },
  "sub-spans-owners": { severity: "critical", title: "The sub pattern admits other GitHub accounts' repositories" },
  "sub-spans-repositories": { severity: "high", title: "The sub pattern admits other repositories" },
  "sub-spans-environments": { severity: "high", title: "The sub pattern admits other environments" },
  "sub-unexpected": { severity: "high", title: "A sub value is not the task the role is meant for" },
  "aud-missing": { severity: "high", title: "No condition restricts the token's aud" },
  "aud-negated-only": { severity: "high", title: "aud is restricted only by a negated operator" },
  "aud-unexpected": { severity: "high", title: "The aud condition admits another audience" },
  "principal-anyone": { severity: "high", title: "The statement trusts every principal" },
  "condition-key-wrong": { severity: "high", title: "A condition key the platform's tokens never carry" },
  "condition-for-all-values": { severity: "high", title: "ForAllValues on a single-valued claim" },
  "condition-if-exists": { severity: "high", title: "IfExists on a claim condition" },
  "sub-spans-tasks": { severity: "medium", title: "The sub pattern admits every task" },
  "sub-not-airplane-subject": { severity: "medium", title: "A sub value no Airplane token carries" },
  "sub-not-github-subject": { severity: "medium", title: "A sub value no GitHub token carries" },
  "sub-name-form": { severity: "medium", title: "A sub by name where the repository's tokens carry its IDs" },
  "sub-value-case": { severity: "medium", title: "A sub value in the wrong case" },
  "expected-subject-refused": { severity: "medium", title: "The policy refuses a subject it is meant for" },
  "wildcard-in-string-equals": { severity: "medium", title: "A wildcard under StringEquals, which compares literally" },
  "condition-operator-unsuitable": { severity: "medium", title: "A non-string operator on a claim" },
  "principal-mixed": { severity: "medium", title: "Other principals share the statement" },
  "federated-principal-wildcard": { severity: "medium", title: "A wildcard Federated principal" },
  "federated-principal-not-provider-arn": {
    severity: "medium",
    title: "The Federated principal is not the provider's ARN",
  },
  "sub-task-pattern": { severity: "low", title: "The sub pattern admits a family of tasks" },
  "string-like-without-wildcard": { severity: "low", title: "StringLike without a wildcard" },
  "condition-for-any-value": { severity: "low", title: "ForAnyValue on a single-valued claim" },
  "condition-ignore-case": { severity: "low", title: "A case-insensitive comparison of a case-sensitive claim" },
  "condition-key-case": { severity: "low", title: "A condition key in unusual case" },
  "action-wider-than-web-identity": { severity: "low", title: "Actions beyond sts:AssumeRoleWithWebIdentity" },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type FindingCode = keyof typeof FINDING_RULES;

export const FINDING_CODES = Object.keys(FINDING_RULES) as FindingCode[];

export function severityOf(code: FindingCode): Severity {
  return FINDING_RULES[code].severity;
}
