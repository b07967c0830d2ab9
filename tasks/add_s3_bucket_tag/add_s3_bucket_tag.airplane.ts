import { awsClientSettings, fromTaskRole, withSecretFreeErrors } from "@repo/aws-auth";
import {
  BUCKET_PARAMETER,
  BucketTagger,
  TAG_CHANGE_OUTPUT_DISPLAY,
  DRY_RUN_PARAMETER,
  TAG_KEY_PARAMETER,
  TAG_VALUE_PARAMETER,
  tagChangeReport,
  validateBucketName,
  validateTagKey,
  validateTagValue,
} from "@repo/s3-bucket-tags";
import airplane from "airplane";

export default airplane.task(
  {
    slug: "add_s3_bucket_tag",
    name: "Add S3 bucket tag",
    description:
      "Adds a tag to an S3 bucket, or changes the value of an existing key, and keeps every other tag of the bucket.",
    parameters: {
      bucket: BUCKET_PARAMETER,
      key: TAG_KEY_PARAMETER,
      value: TAG_VALUE_PARAMETER,
      dry_run: DRY_RUN_PARAMETER,
    },
    outputDisplay: TAG_CHANGE_OUTPUT_DISPLAY,
    envVars: {
      AWS_ROLE_ARN: { config: "aws_role_arn_add_s3_bucket_tag" },
      AWS_REGION: { config: "aws_region" },
    },
  },
  withSecretFreeErrors(async (params) => {
    const bucket = validateBucketName(params.bucket);
    const key = validateTagKey(params.key);
    const value = validateTagValue(params.value ?? "");
    const tagger = new BucketTagger({ credentials: fromTaskRole(), clientConfig: awsClientSettings() });
    return tagChangeReport(await tagger.change(bucket, { kind: "set", key, value }, { dryRun: params.dry_run }));
  }),
);
