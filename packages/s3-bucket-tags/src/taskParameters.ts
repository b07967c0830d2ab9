/**
 * The Airplane parameters the bucket-tag tasks share, defined once so that every task describes
 * a bucket, a tag and a dry run the same way. `as const` keeps the literal types airplane.task
 * reads to type a task's params.
 */
export const BUCKET_PARAMETER = {
  type: "shorttext",
  name: "Bucket",
  description: "Name of the S3 bucket, e.g. my-data-bucket.",
} as const;

export const TAG_KEY_PARAMETER = {
  type: "shorttext",
  name: "Tag key",
  description: "1-128 characters, case-sensitive; not starting with aws:.",
} as const;

export const TAG_VALUE_PARAMETER = {
  type: "shorttext",
  name: "Tag value",
  description: "0-256 characters; may be empty.",
  required: false,
  default: "",
} as const;

export const DRY_RUN_PARAMETER = {
  type: "boolean",
  name: "Dry run",
  description: "Report what would change and write nothing.",
  default: false,
} as const;
