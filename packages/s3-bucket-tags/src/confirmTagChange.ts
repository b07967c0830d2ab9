import type { Tag, TagChangePlan } from "./tagChange";

/** Our own change is not in the bucket's tags after the write: another writer replaced the set. */
export class TagChangeNotConfirmedError extends Error {
  override readonly name = "TagChangeNotConfirmedError";
}

export interface ConfirmOptions {
  /** Reads allowed for the write to show, in case a read lags it. */
  attempts?: number;
  delayMs?: number;
  /** The wait before the last read, which catches a writer who replaced the set just after us. */
  settleMs?: number;
}

/**
 * After PutBucketTagging replaced the whole set, checks that our own change is there, then once
 * more after a short settle time. Other keys may differ (another writer may have changed them
 * since, which is theirs to check); only the loss of our own change fails. What this cannot see:
 * a change of another writer that our write replaced, which is why the result carries a warning.
 */
export async function confirmTagChange(
  bucket: string,
  read: () => Promise<Tag[]>,
  plan: TagChangePlan,
  { attempts = 3, delayMs = 200, settleMs = 500 }: ConfirmOptions = {},
): Promise<Tag[]> {
  for (let attempt = 1; ; attempt++) {
    const tags = await read();
    if (hasOwnChange(tags, plan)) break;
    if (attempt >= attempts) throw lost(bucket, plan, tags, "right after our write");
    await sleep(delayMs * attempt);
  }
  await sleep(settleMs);
  const settled = await read();
  if (!hasOwnChange(settled, plan)) throw lost(bucket, plan, settled, `${settleMs} ms after our write`);
  return settled;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function hasOwnChange(tags: Tag[], plan: TagChangePlan): boolean {
  return tags.find((tag) => tag.key === plan.key)?.value === plan.newValue;
}

function lost(bucket: string, plan: TagChangePlan, tags: Tag[], when: string): TagChangeNotConfirmedError {
  const wanted = plan.newValue === undefined ? `no tag "${plan.key}"` : `"${plan.key}"="${plan.newValue}"`;
  const found = tags.find((tag) => tag.key === plan.key);
  const actual = found ? `"${plan.key}"="${found.value}"` : `no tag "${plan.key}"`;
  return new TagChangeNotConfirmedError(
    `Our change to bucket ${bucket} is gone: we wrote ${wanted}, and ${when} the bucket has ${actual}. Another ` +
      "writer replaced the whole tag set at the same time (PutBucketTagging has no conditional write). Read the " +
      "tags and repeat the change; grant s3:TagResource and s3:UntagResource to write one key, which cannot be lost.",
  );
}
