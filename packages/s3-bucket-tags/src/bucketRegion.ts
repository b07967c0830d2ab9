import { HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";

/**
 * The region a bucket lives in. A request for a bucket outside the client's region fails with
 * 301 PermanentRedirect; HeadBucket, sent by a client that follows S3's region redirects, answers
 * with the bucket's region instead.
 */
export async function findBucketRegion(locator: S3Client, bucket: string): Promise<string> {
  try {
    const { BucketRegion } = await locator.send(new HeadBucketCommand({ Bucket: bucket }));
    if (BucketRegion) return BucketRegion;
  } catch (error) {
    throw explainHeadBucketError(error, bucket);
  }
  return locator.config.region();
}

function explainHeadBucketError(error: unknown, bucket: string): unknown {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  // HeadBucket has no body, so the SDK can only name the error after the status code.
  if (status === 404) return new Error(`Bucket ${bucket} does not exist.`, { cause: error });
  if (status === 403) {
    return new Error(`Access to bucket ${bucket} is denied: the role needs s3:ListBucket on arn:aws:s3:::${bucket}.`, {
      cause: error,
    });
  }
  return error;
}
