export type {
  ConditionBlock,
  ConditionValue,
  Effect,
  OneOrMore,
  PolicyDocument,
  PolicyStatement,
  PrincipalElement,
  PrincipalType,
} from "./policyDocument";
export type {
  ConditionClause,
  ConditionOperator,
  NormalizedPolicy,
  NormalizedStatement,
  PatternList,
  PrincipalList,
  SetQualifier,
} from "./normalizedPolicy";
export { normalizePolicy } from "./normalizePolicy";
export { PolicyEvaluationError, PolicyParseError } from "./policyErrors";
export { IAM_CONDITION_OPERATORS, parseConditionOperator } from "./conditionOperator";
export {
  EVALUABLE_CONDITION_OPERATORS,
  evaluateCondition,
  evaluateConditions,
  unsupportedConditionOperators,
} from "./evaluateCondition";
export {
  evaluatePolicies,
  statementApplies,
  type AuthorizationRequest,
  type Decision,
  type EvaluationResult,
  type StatementMatch,
} from "./evaluatePolicies";
export { contextValues, type ContextValue, type RequestContext } from "./requestContext";
export { matchPrincipal, type RequestPrincipal } from "./matchPrincipal";
export { matchAction } from "./matchAction";
export { matchArn } from "./matchArn";
export { hasWildcard, matchWildcard, type WildcardOptions } from "./wildcard";
