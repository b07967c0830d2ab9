import { withSecretFreeErrors } from "@repo/aws-auth";
import { DRY_RUN_PARAMETER, TAG_KEY_PARAMETER } from "@repo/s3-bucket-tags";
import airplane from "airplane";
import { DEFAULT_CONCURRENCY, DEFAULT_MEMBER_ROLE, MAX_CONCURRENCY, tagBucketsRun } from "./src/tagBucketsRun";

// One task for one account or many: the same job (one tag, chosen buckets, one row each), so the
// same parameters, checks, rows and summary. A second task would copy all of them; what the
// accounts cost this one is three permissions of its own role (sts:AssumeRole and sts:TagSession,
// which reach only member roles that trust this task's role, and organizations:ListAccounts).
export default airplane.task(
  {
    slug: "tag_s3_buckets",
    name: "Tag S3 buckets",
    description:
      "Adds or updates one tag on many S3 buckets, chosen by name or by a name prefix, keeping every other tag, " +
      "in the task's own AWS account or in many (given, or an Organization's). One bucket or account failing " +
      "never stops the others; each bucket gets a result row.",
    parameters: {
      key: TAG_KEY_PARAMETER,
      // Required (no default), unlike add_s3_bucket_tag's: a forgotten value must not reach every bucket.
      value: {
        type: "shorttext",
        name: "Tag value",
        description: 'Required, even when empty (npm run task: --value ""). 0-256 characters.',
      },
      buckets: {
        type: "shorttext",
        name: "Buckets",
        description: "Bucket names (in every account). Give these or a prefix, not both.",
        multi: true,
        required: false,
      },
      prefix: {
        type: "shorttext",
        name: "Name prefix",
        description: "Tag every bucket whose name starts with this. Give this or bucket names, not both.",
        required: false,
      },
      accounts: {
        type: "shorttext",
        name: "Accounts",
        description:
          "Other AWS accounts to tag in: 12-digit account IDs (the task assumes member_role there) or role ARNs. " +
          "Default: the task's own account.",
        multi: true,
        required: false,
      },
      organization: {
        type: "boolean",
        name: "Whole Organization",
        description:
          "Tag in every ACTIVE account of the AWS Organization (organizations:ListAccounts: the task's account must " +
          "be its management account or a delegated administrator), instead of accounts.",
        default: false,
      },
      member_role: {
        type: "shorttext",
        name: "Member role",
        description: "The role the task assumes in each account given by ID or listed by the Organization.",
        default: DEFAULT_MEMBER_ROLE,
      },
      external_id: {
        type: "shorttext",
        name: "External ID",
        description:
          "The sts:ExternalId the member roles require, when they were generated with one " +
          "(npm run iam -- --member-roles --external-id).",
        required: false,
      },
      concurrency: {
        type: "integer",
        name: "Concurrency",
        description: `Buckets tagged at once, over all accounts, 1 to ${MAX_CONCURRENCY}.`,
        default: DEFAULT_CONCURRENCY,
      },
      dry_run: DRY_RUN_PARAMETER,
    },
    // The summary line is in the output's JSON; the table is what a user scans for failed buckets.
    outputDisplay: {
      type: "table",
      value: "{{output.buckets}}",
      columns: [
        { label: "Account", accessor: "account" },
        { label: "Bucket", accessor: "bucket" },
        { label: "Region", accessor: "region" },
        { label: "Result", accessor: "result" },
        { label: "Detail", accessor: "detail" },
        { label: "Written with", accessor: "written_with" },
      ],
    },
    envVars: {
      AWS_ROLE_ARN: { config: "aws_role_arn_tag_s3_buckets" },
      AWS_REGION: { config: "aws_region" },
    },
  },
  withSecretFreeErrors(async (params) => {
    // oxlint-disable-next-line no-console -- progress lines belong in the run's log, which shows stdout
    const { output, failure } = await tagBucketsRun(params, (line) => console.log(line));
    if (!failure) return output;
    // A failed run still shows every row: Airplane keeps the output set before the throw.
    airplane.setOutput(output);
    throw failure;
  }),
);
