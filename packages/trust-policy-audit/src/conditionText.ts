import { providerArn as providerArnIn } from "@repo/oidc-issuers";
import type { Platform } from "./platforms";

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
 * The condition a statement should have: aud pinned, and sub pinned to full subjects
 * (StringLike only where the caller said a level is meant for any value).
 */
export function recommendedCondition(platform: Platform, audience: string, subjects: readonly string[]): string {
  const pattern = subjects.some((subject) => subject.includes("*"));
  const block = pattern
    ? {
        StringEquals: { [platform.audKey]: audience },
        StringLike: { [platform.subKey]: oneOrList(subjects) },
      }
    : { StringEquals: { [platform.audKey]: audience, [platform.subKey]: oneOrList(subjects) } };
  return `"Condition": ${inlineJson(block)}`;
}

/** "a", "a and b", "a, b and c". */
export function sayList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export function quoteList(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(", ");
}

/** The provider's ARN, in the role's account when known. */
export function providerArn(platform: Platform, accountId: string | undefined): string {
  return providerArnIn(accountId ?? "<account_id>", platform.issuer);
}
