import { authorizeAction } from "../authz/authorizeAction";
import { ServiceError } from "../http/serviceError";
import { callerOf, type OperationContext } from "../http/serviceTypes";
import type { Bucket, BucketStore } from "../state/bucketStore";

export interface BucketAccessDependencies {
  buckets: BucketStore;
  now: () => Date;
}

export interface BucketAccess {
  /** The IAM action the operation needs, for example `s3:GetBucketTagging`. */
  action: string;
  /** GetBucketLocation answers from any region: it is how a client finds the bucket's. */
  anyRegion?: boolean;
}

export function bucketArn(name: string): string {
  return `arn:aws:s3:::${name}`;
}

export function noSuchBucket(name: string): ServiceError {
  return new ServiceError("NoSuchBucket", 404, "The specified bucket does not exist", { fields: { BucketName: name } });
}

/** `aws:ResourceTag/<key>` for each tag of an ABAC bucket: only then do its tags take part in authorization. */
export function resourceTagContext(bucket: Bucket): Record<string, string> {
  if (!bucket.abac) return {};
  return Object.fromEntries([...bucket.tags].map(([key, value]) => [`aws:ResourceTag/${key}`, value]));
}

/**
 * S3 refuses a request whose x-amz-expected-bucket-owner (signed: see unsignedHeaders) names
 * another account than the bucket's, with a plain 403.
 */
function checkExpectedOwner(context: OperationContext, bucket: Bucket): void {
  const expected = context.request.headers["x-amz-expected-bucket-owner"];
  if (expected !== undefined && expected !== bucket.accountId) {
    throw new ServiceError("AccessDenied", 403, "Access Denied");
  }
}

/**
 * The bucket a request names, after the checks S3 makes before any bucket operation: the bucket
 * exists (`NoSuchBucket`); x-amz-expected-bucket-owner, when sent, is its owner (`AccessDenied`);
 * the request was signed for the bucket's region, else `301
 * PermanentRedirect` with `x-amz-bucket-region`, as S3 answers a request sent to another region's
 * endpoint; the caller's role allows the action (`AccessDenied`).
 */
export function accessBucket(
  context: OperationContext,
  name: string,
  access: BucketAccess,
  { buckets, now }: BucketAccessDependencies,
): Bucket {
  const bucket = buckets.get(name);
  if (!bucket) throw noSuchBucket(name);
  checkExpectedOwner(context, bucket);
  if (!access.anyRegion && context.signingRegion !== bucket.region) {
    throw new ServiceError(
      "PermanentRedirect",
      301,
      "The bucket you are attempting to access must be addressed using the specified endpoint. " +
        "Please send all future requests to this endpoint.",
      {
        headers: { "x-amz-bucket-region": bucket.region },
        fields: { Bucket: name, Endpoint: `s3.${bucket.region}.amazonaws.com` },
      },
    );
  }
  authorizeAction(
    callerOf(context),
    {
      action: access.action,
      resource: bucketArn(name),
      ...(context.signingRegion ? { region: context.signingRegion } : {}),
      context: resourceTagContext(bucket),
      resourceAccount: bucket.accountId,
    },
    now(),
  );
  return bucket;
}
