/**
 * S3's `NoSuchBucket` says "The specified bucket does not exist" and not which: in a run over many
 * buckets, or a log line, that is no help. This names the bucket, and keeps S3's error as the cause.
 */
export class NoSuchBucketError extends Error {
  override readonly name = "NoSuchBucket";

  constructor(
    readonly bucket: string,
    cause: unknown,
  ) {
    super(
      `Bucket "${bucket}" does not exist (S3 answered NoSuchBucket): check the name, which is global to all AWS ` +
        "accounts, and that the bucket was not deleted.",
      { cause },
    );
  }
}

export const isNoSuchBucket = (error: unknown): boolean => error instanceof Error && error.name === "NoSuchBucket";
