import type { Tag, TagChangePlan } from "./tagChange";

/** The tags read back after a write do not show the change: someone else wrote in between. */
export class TagChangeNotConfirmedError extends Error {
  override readonly name = "TagChangeNotConfirmedError";
}

export interface ConfirmOptions {
  attempts?: number;
  delayMs?: number;
}

/**
 * Reads the tags back after a write and checks them. After a single-key S3 Control write only
 * that key is ours to check (other keys may legitimately change concurrently); after a whole-set
 * PutBucketTagging the set must be exactly the one written. A few reads are allowed, spaced out,
 * before a mismatch is reported, in case the read lags the write.
 */
export async function confirmTagChange(
  bucket: string,
  read: () => Promise<Tag[]>,
  plan: TagChangePlan,
  method: "s3-control" | "put-bucket-tagging",
  { attempts = 3, delayMs = 200 }: ConfirmOptions = {},
): Promise<Tag[]> {
  let problems: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const tags = await read();
    problems = method === "s3-control" ? keyProblems(tags, plan) : setProblems(tags, plan.tagsAfter);
    if (problems.length === 0) return tags;
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delayMs * attempt));
  }
  throw new TagChangeNotConfirmedError(
    `The tags of bucket ${bucket}, read back after the write, do not match it (${problems.join("; ")}): another writer ` +
      "changed them at the same time. Read them again and repeat the change if needed.",
  );
}

function keyProblems(tags: Tag[], plan: TagChangePlan): string[] {
  const found = tags.find((tag) => tag.key === plan.key)?.value;
  return found === plan.newValue ? [] : [describe(plan.key, plan.newValue, found)];
}

function setProblems(tags: Tag[], expected: Tag[]): string[] {
  const actual = new Map(tags.map((tag) => [tag.key, tag.value]));
  const wanted = new Map(expected.map((tag) => [tag.key, tag.value]));
  const keys = [...new Set([...wanted.keys(), ...actual.keys()])];
  return keys
    .filter((key) => wanted.get(key) !== actual.get(key))
    .map((key) => describe(key, wanted.get(key), actual.get(key)));
}

function describe(key: string, expected: string | undefined, found: string | undefined): string {
  const show = (value: string | undefined) => (value === undefined ? "no tag" : `"${value}"`);
  return `"${key}": expected ${show(expected)}, found ${show(found)}`;
}
