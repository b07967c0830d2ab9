import { PutBucketTaggingCommand } from "@aws-sdk/client-s3";
import airplane from "airplane";
import { getAWSCredentials, guideS3Client } from "./guideCredentials";

/**
 * The add_s3_bucket_tag task of Airplane's guide, taking the bucket and tag as parameters (the
 * guide hard-codes them). Its PutBucketTagging replaces the whole tag set: every other tag of the
 * bucket is lost. Not named *.airplane.ts, so `airplane deploy` never takes it for a task.
 */
export default airplane.task(
  {
    slug: "guide_add_s3_bucket_tag",
    parameters: { bucket: "shorttext", key: "shorttext", value: "shorttext" },
  },
  async (params) => {
    const credentials = await getAWSCredentials();

    const client = guideS3Client(credentials);

    const putBucketTaggingCommand = new PutBucketTaggingCommand({
      Bucket: params.bucket,
      Tagging: { TagSet: [{ Key: params.key, Value: params.value }] },
    });

    const response = await client.send(putBucketTaggingCommand);
    return { httpStatusCode: response.$metadata.httpStatusCode ?? null };
  },
);
