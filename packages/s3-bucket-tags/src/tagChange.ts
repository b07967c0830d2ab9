import { InvalidInputError } from "./invalidInput";
import { MAX_TAGS_PER_BUCKET } from "./tagRules";

export interface Tag {
  key: string;
  value: string;
}

/** One tag to set (add or update) or to remove; every other tag of the bucket stays as it is. */
export type TagChange = { kind: "set"; key: string; value: string } | { kind: "remove"; key: string };

export type TagChangeOutcome = "added" | "updated" | "unchanged" | "removed" | "absent";

export interface TagChangePlan {
  outcome: TagChangeOutcome;
  key: string;
  /** The key's value before the change, if it had one. */
  oldValue?: string;
  /** The key's value after the change, if it has one. */
  newValue?: string;
  tagsBefore: Tag[];
  tagsAfter: Tag[];
}

/** Whether carrying out the plan writes anything. */
export const isWrite = (plan: TagChangePlan): boolean => plan.outcome !== "unchanged" && plan.outcome !== "absent";

/**
 * The whole tag set after one change, computed from the set before it: S3 can only replace the
 * set, so keeping every other tag is this function's job. Order is kept; a new key goes last.
 */
export function planTagChange(bucket: string, tagsBefore: Tag[], change: TagChange): TagChangePlan {
  const existing = tagsBefore.find((tag) => tag.key === change.key);
  const base = { key: change.key, tagsBefore, ...(existing ? { oldValue: existing.value } : {}) };

  if (change.kind === "remove") {
    if (!existing) return { ...base, outcome: "absent", tagsAfter: tagsBefore };
    return { ...base, outcome: "removed", tagsAfter: tagsBefore.filter((tag) => tag.key !== change.key) };
  }

  const newValue = change.value;
  if (existing?.value === newValue) return { ...base, outcome: "unchanged", newValue, tagsAfter: tagsBefore };
  if (existing) {
    const tagsAfter = tagsBefore.map((tag) => (tag.key === change.key ? { key: tag.key, value: newValue } : tag));
    return { ...base, outcome: "updated", newValue, tagsAfter };
  }
  const tagsAfter = [...tagsBefore, { key: change.key, value: newValue }];
  if (tagsAfter.length > MAX_TAGS_PER_BUCKET) {
    throw new InvalidInputError(
      "key",
      `Adding key "${change.key}" would give bucket "${bucket}" ${tagsAfter.length} tags; S3 allows at most ` +
        `${MAX_TAGS_PER_BUCKET}. Remove a tag first, or update an existing key instead.`,
    );
  }
  return { ...base, outcome: "added", newValue, tagsAfter };
}
