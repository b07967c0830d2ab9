import { authorizeAction } from "../authz/authorizeAction";
import { ServiceError } from "../http/serviceError";
import { callerOf, type OperationContext, type ServiceResponse } from "../http/serviceTypes";
import { restXmlReply, S3_CONTROL_NAMESPACE } from "../protocol/restXml";
import { noSuchBucket, resourceTagContext, type BucketAccessDependencies } from "../s3/bucketAccess";
import { MAX_BUCKET_TAGS, tagSetProblem } from "../s3/tagRules";
import { readTags, tagListElement } from "../s3/tagXml";
import type { Bucket } from "../state/bucketStore";
import { bucketOfTagsPath } from "./resourceArn";

export type ResourceTaggingDependencies = BucketAccessDependencies;

/**
 * The bucket of an S3 Control tagging request, once the account header names the caller's account,
 * the bucket is that account's and the caller's role allows the action on the bucket's ARN.
 */
function taggedBucket(context: OperationContext, action: string, dependencies: ResourceTaggingDependencies): Bucket {
  const accountHeader = context.request.headers["x-amz-account-id"];
  if (accountHeader !== callerOf(context).accountId) {
    throw new ServiceError("AccessDenied", 403, "Access Denied: x-amz-account-id is not the account of the caller.");
  }
  const { arn, bucket: name } = bucketOfTagsPath(context.request.rawPath);
  const bucket = dependencies.buckets.get(name);
  if (!bucket) throw noSuchBucket(name);
  authorizeAction(
    callerOf(context),
    {
      action,
      resource: arn,
      ...(context.signingRegion ? { region: context.signingRegion } : {}),
      context: resourceTagContext(bucket),
      resourceAccount: bucket.accountId,
    },
    dependencies.now(),
  );
  return bucket;
}

/** S3 Control TagResource (needs `s3:TagResource`): adds the tags sent, or updates their values; keeps the rest. */
export function tagResource(context: OperationContext, dependencies: ResourceTaggingDependencies): ServiceResponse {
  const bucket = taggedBucket(context, "s3:TagResource", dependencies);
  const sent = readTags(context.request.body, "TagResourceRequest", "Tags");
  const problem = tagSetProblem(sent);
  if (problem) throw new ServiceError("InvalidTag", 400, problem);
  const merged = new Map(bucket.tags);
  for (const { key, value } of sent) merged.set(key, value);
  if (merged.size > MAX_BUCKET_TAGS) {
    throw new ServiceError("InvalidTag", 400, `Bucket tag count cannot be greater than ${MAX_BUCKET_TAGS}`);
  }
  bucket.tags = merged;
  return restXmlReply(context.request, 204);
}

/** S3 Control UntagResource (needs `s3:UntagResource`): removes the keys given; absent keys are no error. */
export function untagResource(context: OperationContext, dependencies: ResourceTaggingDependencies): ServiceResponse {
  const bucket = taggedBucket(context, "s3:UntagResource", dependencies);
  const raw = context.request.query.tagKeys;
  const keys = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (keys.length === 0) throw new ServiceError("InvalidRequest", 400, "UntagResource needs at least one tagKeys.");
  const remaining = new Map(bucket.tags);
  for (const key of keys) remaining.delete(key);
  bucket.tags = remaining;
  return restXmlReply(context.request, 204);
}

/** S3 Control ListTagsForResource (needs `s3:ListTagsForResource`): the bucket's tags, an empty list if none. */
export function listTagsForResource(
  context: OperationContext,
  dependencies: ResourceTaggingDependencies,
): ServiceResponse {
  const bucket = taggedBucket(context, "s3:ListTagsForResource", dependencies);
  return restXmlReply(context.request, 200, {
    ListTagsForResourceResult: { "@_xmlns": S3_CONTROL_NAMESPACE, Tags: tagListElement(bucket.tags) },
  });
}
