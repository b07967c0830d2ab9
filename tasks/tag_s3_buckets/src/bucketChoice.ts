import { type BucketPage, type BucketTagger, InvalidInputError, validateBucketName } from "@repo/s3-bucket-tags";

/** Which buckets of each account to tag: explicit names, or every bucket whose name has a prefix. */
export type BucketChoice = { kind: "names"; names: string[] } | { kind: "prefix"; prefix: string };

/** The choice, every name checked before anything is written. */
export function bucketChoice(names: string[] | undefined, prefix: string | undefined): BucketChoice {
  const given = (names ?? []).map((name) => name.trim()).filter(Boolean);
  if (given.length > 0 && prefix) {
    throw new InvalidInputError("prefix", "Give bucket names or a prefix, not both.");
  }
  if (given.length > 0) {
    return { kind: "names", names: [...new Set(given)].map((name) => validateBucketName(name, "buckets")) };
  }
  if (prefix) return { kind: "prefix", prefix };
  throw new InvalidInputError(
    "buckets",
    "Choose the buckets: give their names (buckets) or a name prefix (prefix). An empty prefix is refused, so " +
      "that no run tags every bucket of the account by accident.",
  );
}

/** The chosen buckets of one account, a page at a time: the names as given, or its listing. */
export function chosenBuckets(
  choice: BucketChoice,
  tagger: BucketTagger,
): Iterable<BucketPage> | AsyncIterable<BucketPage> {
  if (choice.kind === "prefix") return tagger.listBuckets(choice.prefix);
  return [{ buckets: choice.names.map((name) => ({ name })), last: true }];
}
