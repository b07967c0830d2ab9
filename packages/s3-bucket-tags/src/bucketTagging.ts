import {
  DeleteBucketTaggingCommand,
  GetBucketTaggingCommand,
  PutBucketTaggingCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { isNoSuchBucket, NoSuchBucketError } from "./noSuchBucket";
import type { Tag } from "./tagChange";

/**
 * A bucket's tags; a bucket without any has none, not an error (S3 answers `NoSuchTagSet`). A
 * missing bucket is a `NoSuchBucketError` that names it.
 */
export async function readBucketTags(s3: S3Client, bucket: string): Promise<Tag[]> {
  try {
    const { TagSet = [] } = await s3.send(new GetBucketTaggingCommand({ Bucket: bucket }));
    return TagSet.map((tag) => ({ key: tag.Key ?? "", value: tag.Value ?? "" }));
  } catch (error) {
    if (error instanceof Error && error.name === "NoSuchTagSet") return [];
    if (isNoSuchBucket(error)) throw new NoSuchBucketError(bucket, error);
    throw error;
  }
}

/** Replaces the bucket's whole tag set; an empty set deletes it, since S3 refuses an empty TagSet. */
export async function writeBucketTags(s3: S3Client, bucket: string, tags: Tag[]): Promise<void> {
  if (tags.length === 0) {
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: bucket }));
    return;
  }
  const TagSet = tags.map((tag) => ({ Key: tag.key, Value: tag.value }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet } }));
}
