import { ServiceError } from "../http/serviceError";

const TAGS_PATH = "/v20180820/tags/";
// S3 Control tags several resource types; the stand-in knows general purpose buckets only.
const BUCKET_ARN = /^arn:aws:s3:::([^/:]+)$/;

export function isTagsPath(rawPath: string): boolean {
  return rawPath.startsWith(TAGS_PATH) && rawPath.length > TAGS_PATH.length;
}

/** The bucket named by `/v20180820/tags/{ResourceArn}`, whose ARN the SDK sends percent-encoded. */
export function bucketOfTagsPath(rawPath: string): { arn: string; bucket: string } {
  let arn: string;
  try {
    arn = decodeURIComponent(rawPath.slice(TAGS_PATH.length));
  } catch {
    throw new ServiceError("InvalidRequest", 400, "The resource ARN is not correctly percent-encoded.");
  }
  const match = BUCKET_ARN.exec(arn);
  if (!match?.[1]) {
    throw new ServiceError(
      "InvalidRequest",
      400,
      `${arn} is not a general purpose bucket ARN (arn:aws:s3:::<bucket>), the only resource local-stack tags.`,
    );
  }
  return { arn, bucket: match[1] };
}
