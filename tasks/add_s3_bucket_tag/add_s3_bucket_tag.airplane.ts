import { fromAirplane } from "@repo/aws-auth";
import {
  BucketTagger,
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
      bucket: { type: "shorttext", name: "Bucket", description: "Name of the S3 bucket, e.g. my-data-bucket." },
      key: { type: "shorttext", name: "Tag key", description: "1-128 characters; not starting with aws:." },
      value: {
        type: "shorttext",
        name: "Tag value",
        description: "0-256 characters; may be empty.",
        required: false,
        default: "",
      },
      dry_run: {
        type: "boolean",
        name: "Dry run",
        description: "Report what would change and write nothing.",
        default: false,
      },
    },
    envVars: {
      AWS_ROLE_ARN: { config: "aws_role_arn_add_s3_bucket_tag" },
      AWS_REGION: { config: "aws_region" },
    },
  },
  async (params) => {
    const bucket = validateBucketName(params.bucket);
    const key = validateTagKey(params.key);
    const value = validateTagValue(params.value ?? "");
    const tagger = new BucketTagger({ credentials: fromAirplane() });
    return tagChangeReport(await tagger.change(bucket, { kind: "set", key, value }, { dryRun: params.dry_run }));
  },
);
