import { AUDIENCE_CONDITION_KEY, PROVIDER_ARN_TEMPLATE, SUBJECT_CONDITION_KEY } from "@repo/oidc-issuers";

/** JSON on one line with a space after each separator: a snippet a person can paste into a policy. */
export function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${inlineJson(item)}`);
    return `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** One value as itself, several as a list: how IAM policies are usually written. */
export function oneOrList(values: readonly string[]): string | string[] {
  return values.length === 1 ? (values[0] as string) : [...values];
}

/** `"Condition": { … }` with one operator and key. */
export function conditionSnippet(operator: string, key: string, values: readonly string[]): string {
  return `"Condition": ${inlineJson({ [operator]: { [key]: oneOrList(values) } })}`;
}

/**
 * The condition an Airplane statement should have: aud pinned, and sub pinned to full subjects
 * (StringLike only where the caller said a level is meant for any value).
 */
export function recommendedCondition(audience: string, subjects: readonly string[]): string {
  const pattern = subjects.some((subject) => subject.includes("*"));
  const block = pattern
    ? {
        StringEquals: { [AUDIENCE_CONDITION_KEY]: audience },
        StringLike: { [SUBJECT_CONDITION_KEY]: oneOrList(subjects) },
      }
    : { StringEquals: { [AUDIENCE_CONDITION_KEY]: audience, [SUBJECT_CONDITION_KEY]: oneOrList(subjects) } };
  return `"Condition": ${inlineJson(block)}`;
}

export function quoteList(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(", ");
}

export function providerArn(accountId: string | undefined): string {
  return accountId ? PROVIDER_ARN_TEMPLATE.replace("<account_id>", accountId) : PROVIDER_ARN_TEMPLATE;
}
