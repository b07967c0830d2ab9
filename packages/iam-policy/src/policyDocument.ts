/**
 * IAM policy documents as a person writes them in AWS (the JSON of an identity policy or a role's
 * trust policy). Most elements take one value or an array; `normalizePolicy` turns a document into
 * the uniform shape of `normalizedPolicy.ts`.
 */

export type OneOrMore<T> = T | T[];

export type Effect = "Allow" | "Deny";

/** The principal kinds IAM accepts in a `Principal` element. */
export type PrincipalType = "AWS" | "Federated" | "Service" | "CanonicalUser";

/** `"*"` (anyone) or principals by kind, for example `{ "Federated": "arn:aws:iam::…:oidc-provider/…" }`. */
export type PrincipalElement = "*" | Partial<Record<PrincipalType, OneOrMore<string>>>;

/** IAM accepts JSON booleans and numbers as condition values and compares them as strings. */
export type ConditionValue = string | number | boolean;

/** `{ "<operator>": { "<condition key>": value or values } }`, for example `{ "StringEquals": { "aws:SourceAccount": "1" } }`. */
export type ConditionBlock = Record<string, Record<string, OneOrMore<ConditionValue>>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: Effect;
  Action?: OneOrMore<string>;
  NotAction?: OneOrMore<string>;
  Resource?: OneOrMore<string>;
  NotResource?: OneOrMore<string>;
  Principal?: PrincipalElement;
  NotPrincipal?: PrincipalElement;
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version?: "2012-10-17" | "2008-10-17";
  Id?: string;
  Statement: OneOrMore<PolicyStatement>;
}
