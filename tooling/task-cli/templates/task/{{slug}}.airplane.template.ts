import { paginateListBuckets, S3Client } from "@aws-sdk/client-s3";
import { awsClientSettings, fromTaskRole, withSecretFreeErrors } from "@repo/aws-auth";
import airplane from "airplane";

// A starting point: lists the account's S3 buckets whose name starts with a prefix. Replace the
// body with your task, and list the AWS actions it calls in aws-permissions.json.
export default airplane.task(
  {
    slug: "{{slug}}",
    name: "{{name}}",
    description: "Lists the S3 buckets whose name starts with a prefix.",
    parameters: {
      prefix: { type: "shorttext", name: "Name prefix", required: false, default: "" },
    },
    envVars: {
      AWS_ROLE_ARN: { config: "aws_role_arn_{{slug}}" },
      AWS_REGION: { config: "aws_region" },
    },
  },
  withSecretFreeErrors(async (params) => {
    // A bucket in another region answers S3's 301 PermanentRedirect; with followRegionRedirects the
    // SDK asks again in the region the 301 names (one more request for each call to such a bucket).
    const s3 = new S3Client({ ...awsClientSettings(), followRegionRedirects: true, credentials: fromTaskRole() });
    const buckets: Array<{ name: string; region: string | null }> = [];
    for await (const page of paginateListBuckets({ client: s3 }, { Prefix: params.prefix || undefined })) {
      for (const bucket of page.Buckets ?? []) {
        buckets.push({ name: bucket.Name ?? "", region: bucket.BucketRegion ?? null });
      }
    }
    return buckets;
  }),
);
