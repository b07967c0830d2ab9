import { awsClientSettings, fromTaskRole, withSecretFreeErrors } from "@repo/aws-auth";
import { BUCKET_PARAMETER, BucketTagger, validateBucketName } from "@repo/s3-bucket-tags";
import airplane from "airplane";

export default airplane.task(
  {
    slug: "list_s3_bucket_tags",
    name: "List S3 bucket tags",
    description: "Shows the tags of an S3 bucket, in any region, as a table.",
    parameters: {
      bucket: BUCKET_PARAMETER,
    },
    outputDisplay: {
      type: "table",
      columns: [
        { label: "Key", accessor: "key" },
        { label: "Value", accessor: "value" },
      ],
    },
    envVars: {
      AWS_ROLE_ARN: { config: "aws_role_arn_list_s3_bucket_tags" },
      AWS_REGION: { config: "aws_region" },
    },
  },
  withSecretFreeErrors(async (params) => {
    const bucket = validateBucketName(params.bucket);
    const tagger = new BucketTagger({ credentials: fromTaskRole(), clientConfig: awsClientSettings() });
    const { tags } = await tagger.read(bucket);
    // An array of rows is what Airplane's run page shows as a table.
    return [...tags].sort((a, b) => a.key.localeCompare(b.key));
  }),
);
