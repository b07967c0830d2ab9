import { awsClientSettings, fromTaskRole, withSecretFreeErrors } from "@repo/aws-auth";
import {
  BUCKET_PARAMETER,
  BucketTagger,
  TAG_CHANGE_OUTPUT_DISPLAY,
  DRY_RUN_PARAMETER,
  TAG_KEY_PARAMETER,
  tagChangeReport,
  validateBucketName,
  validateTagKey,
} from "@repo/s3-bucket-tags";
import airplane from "airplane";

export default airplane.task(
  {
    slug: "remove_s3_bucket_tag",
    name: "Remove S3 bucket tag",
    description:
      "Removes one tag from an S3 bucket and keeps every other tag. Removing a key the bucket does not have " +
      "changes nothing, and says so.",
    parameters: {
      bucket: BUCKET_PARAMETER,
      key: { ...TAG_KEY_PARAMETER, description: "The key of the tag to remove (case-sensitive)." },
      dry_run: DRY_RUN_PARAMETER,
    },
    outputDisplay: TAG_CHANGE_OUTPUT_DISPLAY,
    envVars: {
      AWS_ROLE_ARN: { config: "aws_role_arn_remove_s3_bucket_tag" },
      AWS_REGION: { config: "aws_region" },
    },
  },
  withSecretFreeErrors(async (params) => {
    const bucket = validateBucketName(params.bucket);
    const key = validateTagKey(params.key);
    const tagger = new BucketTagger({ credentials: fromTaskRole(), clientConfig: awsClientSettings() });
    return tagChangeReport(await tagger.change(bucket, { kind: "remove", key }, { dryRun: params.dry_run }));
  }),
);
