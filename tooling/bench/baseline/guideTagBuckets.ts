import { PutBucketTaggingCommand } from "@aws-sdk/client-s3";
import airplane from "airplane";
import { getAWSCredentials, guideS3Client } from "./guideCredentials";

/**
 * The guide's way applied to many buckets: one bucket at a time, credentials wanted (so a token
 * and an STS call paid) for each, and the whole tag set replaced by the one new tag.
 */
export default airplane.task(
  {
    slug: "guide_tag_s3_buckets",
    parameters: { buckets: { type: "shorttext", multi: true }, key: "shorttext", value: "shorttext" },
  },
  async (params) => {
    for (const bucket of params.buckets) {
      const credentials = await getAWSCredentials();
      const client = guideS3Client(credentials);
      await client.send(
        new PutBucketTaggingCommand({
          Bucket: bucket,
          Tagging: { TagSet: [{ Key: params.key, Value: params.value }] },
        }),
      );
    }
    return { buckets: params.buckets.length };
  },
);
