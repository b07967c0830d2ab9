import {
  DeleteBucketTaggingCommand,
  GetBucketTaggingCommand,
  PutBucketTaggingCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { isWrite, planTagChange, type Tag, type TagChange, type TagChangePlan } from "./tagChange";

/** A bucket's tags; a bucket without any has none, not an error (S3 answers `NoSuchTagSet`). */
export async function readBucketTags(s3: S3Client, bucket: string): Promise<Tag[]> {
  try {
    const { TagSet = [] } = await s3.send(new GetBucketTaggingCommand({ Bucket: bucket }));
    return TagSet.map((tag) => ({ key: tag.Key ?? "", value: tag.Value ?? "" }));
  } catch (error) {
    if (error instanceof Error && error.name === "NoSuchTagSet") return [];
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

export interface TagChangeResult extends TagChangePlan {
  bucket: string;
  dryRun: boolean;
}

/**
 * Reads the bucket's tags, applies one change to them and writes the whole set back, only if it
 * changed and this is not a dry run. No other tag is dropped.
 */
export async function changeBucketTag(
  s3: S3Client,
  bucket: string,
  change: TagChange,
  { dryRun }: { dryRun: boolean },
): Promise<TagChangeResult> {
  const plan = planTagChange(bucket, await readBucketTags(s3, bucket), change);
  if (isWrite(plan) && !dryRun) await writeBucketTags(s3, bucket, plan.tagsAfter);
  return { ...plan, bucket, dryRun };
}
