import { ServiceError } from "../http/serviceError";
import type { OperationContext, ServiceResponse } from "../http/serviceTypes";
import { restXmlReply, S3_NAMESPACE } from "../protocol/restXml";
import type { Bucket } from "../state/bucketStore";
import { accessBucket, type BucketAccessDependencies } from "./bucketAccess";
import { verifyRequiredChecksum } from "./requestChecksum";
import { tagSetProblem } from "./tagRules";
import { readTags, tagListElement } from "./tagXml";

/**
 * Buckets with ABAC enabled take tag changes only through S3 Control TagResource/UntagResource.
 * AWS documents the refusal but not its error code; `InvalidRequest` (400) is the stand-in's choice.
 */
function refuseOnAbacBucket(bucket: Bucket, operation: string): void {
  if (!bucket.abac) return;
  throw new ServiceError(
    "InvalidRequest",
    400,
    `${operation} is not allowed on a bucket with ABAC enabled: use the S3 Control TagResource and UntagResource operations.`,
    { fields: { BucketName: bucket.name } },
  );
}

/** S3 GetBucketTagging (needs `s3:GetBucketTagging`); `NoSuchTagSet` (404) when the bucket has no tags. */
export function getBucketTagging(
  context: OperationContext,
  name: string,
  dependencies: BucketAccessDependencies,
): ServiceResponse {
  const bucket = accessBucket(context, name, { action: "s3:GetBucketTagging" }, dependencies);
  if (bucket.tags.size === 0) {
    throw new ServiceError("NoSuchTagSet", 404, "The TagSet does not exist", { fields: { BucketName: name } });
  }
  return restXmlReply(context.request, 200, {
    Tagging: { "@_xmlns": S3_NAMESPACE, TagSet: tagListElement(bucket.tags) },
  });
}

/**
 * S3 PutBucketTagging (needs `s3:PutBucketTagging`): REPLACES the bucket's whole tag set with the
 * one sent, after checking the body's checksum and S3's tag rules (`InvalidTag`).
 */
export function putBucketTagging(
  context: OperationContext,
  name: string,
  dependencies: BucketAccessDependencies,
): ServiceResponse {
  const bucket = accessBucket(context, name, { action: "s3:PutBucketTagging" }, dependencies);
  refuseOnAbacBucket(bucket, "PutBucketTagging");
  verifyRequiredChecksum(context.request, "Put Bucket Tagging");
  const tags = readTags(context.request.body, "Tagging", "TagSet");
  const problem = tagSetProblem(tags);
  if (problem) throw new ServiceError("InvalidTag", 400, problem);
  bucket.tags = new Map(tags.map(({ key, value }) => [key, value]));
  return restXmlReply(context.request, 204);
}

/** S3 DeleteBucketTagging: removes every tag. AWS checks `s3:PutBucketTagging` for it. */
export function deleteBucketTagging(
  context: OperationContext,
  name: string,
  dependencies: BucketAccessDependencies,
): ServiceResponse {
  const bucket = accessBucket(context, name, { action: "s3:PutBucketTagging" }, dependencies);
  refuseOnAbacBucket(bucket, "DeleteBucketTagging");
  bucket.tags = new Map();
  return restXmlReply(context.request, 204);
}
