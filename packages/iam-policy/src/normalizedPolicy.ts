import type { Effect, PrincipalType } from "./policyDocument";

/** `Action`/`NotAction` or `Resource`/`NotResource`: the patterns, and whether they are the `Not` form. */
export interface PatternList {
  negated: boolean;
  patterns: string[];
}

/** `Principal`/`NotPrincipal`. `anyone` is `"Principal": "*"`. */
export interface PrincipalList {
  negated: boolean;
  anyone: boolean;
  byType: Partial<Record<PrincipalType, string[]>>;
}

export type SetQualifier = "ForAnyValue" | "ForAllValues";

/** The parts of an operator name such as `ForAllValues:StringLikeIfExists`. */
export interface ConditionOperator {
  /** As written in the policy, for messages and audits. */
  name: string;
  setQualifier?: SetQualifier;
  /** The operator without qualifier or `IfExists`, for example `StringLike`. */
  base: string;
  ifExists: boolean;
}

/** One key under one operator: every clause of a statement must hold (AND); any value may match (OR). */
export interface ConditionClause {
  operator: ConditionOperator;
  /** As written; IAM compares condition keys case-insensitively. */
  key: string;
  values: string[];
}

export interface NormalizedStatement {
  /** Position in the document's `Statement` list, from 0. */
  index: number;
  sid?: string;
  effect: Effect;
  action: PatternList;
  /** Absent in trust policies, which apply to the role itself. */
  resource?: PatternList;
  /** Absent in identity policies, which apply to whoever holds them. */
  principal?: PrincipalList;
  conditions: ConditionClause[];
}

export interface NormalizedPolicy {
  version: "2012-10-17" | "2008-10-17";
  id?: string;
  statements: NormalizedStatement[];
}
