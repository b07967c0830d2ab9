import { matchArn } from "./matchArn";
import type { ConditionClause, NormalizedPolicy } from "./normalizedPolicy";
import { PolicyEvaluationError } from "./policyErrors";
import { contextValues, type RequestContext } from "./requestContext";
import { matchWildcard } from "./wildcard";

interface OperatorSemantics {
  /** Whether one request value satisfies one policy value. */
  matches: (requestValue: string, policyValue: string) => boolean;
  /** The `Not` operators: true when no value matches, and when the key is missing. */
  negated: boolean;
}

const equals = (requestValue: string, policyValue: string) => requestValue === policyValue;
const equalsIgnoreCase = (requestValue: string, policyValue: string) =>
  requestValue.toLowerCase() === policyValue.toLowerCase();
const like = (requestValue: string, policyValue: string) => matchWildcard(policyValue, requestValue);
const arnLike = (requestValue: string, policyValue: string) => matchArn(policyValue, requestValue);

const OPERATORS: Readonly<Record<string, OperatorSemantics>> = {
  StringEquals: { matches: equals, negated: false },
  StringNotEquals: { matches: equals, negated: true },
  StringEqualsIgnoreCase: { matches: equalsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { matches: equalsIgnoreCase, negated: true },
  StringLike: { matches: like, negated: false },
  StringNotLike: { matches: like, negated: true },
  // IAM reads "true"/"false" in any case.
  Bool: { matches: equalsIgnoreCase, negated: false },
  // ArnEquals also honours wildcards: IAM documents the two as the same comparison.
  ArnEquals: { matches: arnLike, negated: false },
  ArnLike: { matches: arnLike, negated: false },
  ArnNotEquals: { matches: arnLike, negated: true },
  ArnNotLike: { matches: arnLike, negated: true },
};

/** The operators `evaluateCondition` decides; the others (Numeric, Date, IpAddress, Binary) make it throw. */
export const EVALUABLE_CONDITION_OPERATORS: readonly string[] = [...Object.keys(OPERATORS), "Null"];

/**
 * One condition clause against the request, with IAM's rules:
 * - any policy value may match (OR); a negated operator holds when none does;
 * - a missing key fails a positive operator and satisfies a negated one, unless `IfExists`
 *   (then the clause holds whenever the key is missing);
 * - `ForAnyValue:` holds when at least one request value passes, so never for a missing key;
 * - `ForAllValues:` holds when every request value passes, so ALSO when the key is missing or
 *   empty: `ForAllValues:StringEquals` on a key the request lacks allows. This is IAM's real,
 *   much-criticised behaviour, modelled on purpose so that an audit can point it out;
 * - `Null` tests presence: "true" holds when the key is missing, "false" when it is present.
 */
export function evaluateCondition(clause: ConditionClause, context: RequestContext): boolean {
  const { base, ifExists, setQualifier } = clause.operator;
  const values = contextValues(context, clause.key) ?? [];
  const present = values.length > 0;

  if (base === "Null") return clause.values.some((expected) => (expected.toLowerCase() === "true") === !present);

  const semantics = OPERATORS[base];
  if (!semantics) {
    throw new PolicyEvaluationError(
      `Condition operator ${clause.operator.name} is valid IAM but not evaluated here; ` +
        `supported: ${EVALUABLE_CONDITION_OPERATORS.join(", ")}.`,
    );
  }

  if (!present) {
    if (ifExists || setQualifier === "ForAllValues") return true;
    if (setQualifier === "ForAnyValue") return false;
    return semantics.negated;
  }

  const matchesAnyPolicyValue = (requestValue: string) =>
    clause.values.some((policyValue) => semantics.matches(requestValue, policyValue));
  const passes = (requestValue: string) =>
    semantics.negated ? !matchesAnyPolicyValue(requestValue) : matchesAnyPolicyValue(requestValue);

  if (setQualifier === "ForAllValues") return values.every(passes);
  if (setQualifier === "ForAnyValue") return values.some(passes);
  // A single-valued operator: the clause holds if any request value matches any policy value,
  // and a negated one if none does.
  return semantics.negated ? !values.some(matchesAnyPolicyValue) : values.some(matchesAnyPolicyValue);
}

/** Every clause of a statement must hold: keys and operators are ANDed. */
export function evaluateConditions(clauses: readonly ConditionClause[], context: RequestContext): boolean {
  return clauses.every((clause) => evaluateCondition(clause, context));
}

/** The operators of a policy that `evaluateCondition` cannot decide, to refuse such a policy up front. */
export function unsupportedConditionOperators(policy: NormalizedPolicy): string[] {
  const names = policy.statements
    .flatMap((statement) => statement.conditions)
    .filter((clause) => !EVALUABLE_CONDITION_OPERATORS.includes(clause.operator.base))
    .map((clause) => clause.operator.name);
  return [...new Set(names)];
}
