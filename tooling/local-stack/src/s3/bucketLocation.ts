import type { OperationContext, ServiceResponse } from "../http/serviceTypes";
import { restXmlReply, S3_NAMESPACE } from "../protocol/restXml";
import { accessBucket, type BucketAccessDependencies } from "./bucketAccess";

/** S3 HeadBucket (needs `s3:ListBucket`): 200 with `x-amz-bucket-region`, no body. */
export function headBucket(
  context: OperationContext,
  name: string,
  dependencies: BucketAccessDependencies,
): ServiceResponse {
  const bucket = accessBucket(context, name, { action: "s3:ListBucket" }, dependencies);
  return restXmlReply(context.request, 200, undefined, {
    "x-amz-bucket-region": bucket.region,
    "x-amz-access-point-alias": "false",
  });
}

/**
 * S3 GetBucketLocation (needs `s3:GetBucketLocation`), answered from any region. us-east-1 is an
 * empty `LocationConstraint`, as S3 has always said it.
 */
export function getBucketLocation(
  context: OperationContext,
  name: string,
  dependencies: BucketAccessDependencies,
): ServiceResponse {
  const bucket = accessBucket(context, name, { action: "s3:GetBucketLocation", anyRegion: true }, dependencies);
  const constraint = bucket.region === "us-east-1" ? "" : bucket.region;
  return restXmlReply(context.request, 200, { LocationConstraint: { "@_xmlns": S3_NAMESPACE, "#text": constraint } });
}
