import type { Tag } from "./tagChange";

/** The tags read back after a write do not show the change: someone else wrote in between. */
export class TagChangeNotConfirmedError extends Error {
  override readonly name = "TagChangeNotConfirmedError";
}

export interface ConfirmOptions {
  attempts?: number;
  delayMs?: number;
}

/**
 * Reads the tags back after PutBucketTagging replaced the whole set, and checks they are exactly
 * the set written. A few reads are allowed, spaced out, before a mismatch is reported, in case
 * the read lags the write.
 */
export async function confirmTagChange(
  bucket: string,
  read: () => Promise<Tag[]>,
  written: Tag[],
  { attempts = 3, delayMs = 200 }: ConfirmOptions = {},
): Promise<Tag[]> {
  let problems: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const tags = await read();
    problems = setProblems(tags, written);
    if (problems.length === 0) return tags;
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delayMs * attempt));
  }
  throw new TagChangeNotConfirmedError(
    `The tags of bucket ${bucket}, read back after the write, do not match it (${problems.join("; ")}): another writer ` +
      "changed them at the same time. Read them again and repeat the change if needed.",
  );
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
