import { S3Client } from "@aws-sdk/client-s3";
import { awsClientSettings, fromAirplane, withPublicErrors } from "@repo/aws-auth";
import {
  type BucketSummary,
  BucketTagger,
  DRY_RUN_PARAMETER,
  InvalidInputError,
  listBuckets,
  s3Endpoints,
  TAG_KEY_PARAMETER,
  TAG_VALUE_PARAMETER,
  validateBucketName,
  validateTagKey,
  validateTagValue,
} from "@repo/s3-bucket-tags";
import airplane from "airplane";
import { type BucketRow, bucketRow, bucketsOutput, failedRow, failedRunError } from "./src/bucketRows";
import { mapBounded } from "./src/mapBounded";

const DEFAULT_CONCURRENCY = 16;
const MAX_CONCURRENCY = 64;

export default airplane.task(
  {
    slug: "tag_s3_buckets",
    name: "Tag S3 buckets",
    description:
      "Adds or updates one tag on many S3 buckets, chosen by name or by a name prefix, keeping every other tag. " +
      "One bucket failing never stops the others; each bucket gets a result row.",
    parameters: {
      key: TAG_KEY_PARAMETER,
      value: TAG_VALUE_PARAMETER,
      buckets: {
        type: "shorttext",
        name: "Buckets",
        description: "Bucket names. Give these or a prefix, not both.",
        multi: true,
        required: false,
      },
      prefix: {
        type: "shorttext",
        name: "Name prefix",
        description: "Tag every bucket whose name starts with this. Give this or bucket names, not both.",
        required: false,
      },
      concurrency: {
        type: "integer",
        name: "Concurrency",
        description: `Buckets tagged at once, 1 to ${MAX_CONCURRENCY}.`,
        default: DEFAULT_CONCURRENCY,
      },
      dry_run: DRY_RUN_PARAMETER,
    },
    // The summary line is in the output's JSON; the table is what a user scans for failed buckets.
    outputDisplay: {
      type: "table",
      value: "{{output.buckets}}",
      columns: [
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
  withPublicErrors(async (params) => {
    const key = validateTagKey(params.key);
    const value = validateTagValue(params.value ?? "");
    const concurrency = validateConcurrency(params.concurrency);
    const credentials = fromAirplane();
    // SlowDown and 503 are retried per request with exponential backoff and jitter (the SDK's
    // standard mode, with more attempts than its 3). The SDK's adaptive mode was measured to cut a
    // 40-bucket run from 2 s to 15 s after four SlowDowns; the concurrency parameter is the knob.
    const clientConfig = { ...awsClientSettings(), retryMode: "standard", maxAttempts: 6 };
    const tagger = new BucketTagger({ credentials, clientConfig });
    const { forcePathStyle } = s3Endpoints();
    const targets = chooseBuckets(
      params.buckets,
      params.prefix,
      () => new S3Client({ ...clientConfig, forcePathStyle, credentials }),
    );

    const rows: BucketRow[] = await mapBounded(targets, concurrency, async (bucket) => {
      const change = { kind: "set", key, value } as const;
      try {
        const options = { dryRun: params.dry_run, ...(bucket.region ? { region: bucket.region } : {}) };
        return bucketRow(await tagger.change(bucket.name, change, options));
      } catch (error) {
        return failedRow(bucket, error);
      }
    });
    const output = bucketsOutput(rows, { key, value, dryRun: params.dry_run });
    const failure = failedRunError(rows);
    if (!failure) return output;
    // A failed run still shows every bucket's row: Airplane keeps the output set before the throw.
    airplane.setOutput(output);
    throw failure;
  }),
);

/** Either explicit names, all checked before anything is written, or a prefix listed lazily. */
function chooseBuckets(
  names: string[] | undefined,
  prefix: string | undefined,
  s3: () => S3Client,
): Iterable<BucketSummary> | AsyncIterable<BucketSummary> {
  const given = (names ?? []).map((name) => name.trim()).filter(Boolean);
  if (given.length > 0 && prefix) {
    throw new InvalidInputError("prefix", "Give bucket names or a prefix, not both.");
  }
  if (given.length > 0) return [...new Set(given)].map((name) => ({ name: validateBucketName(name, "buckets") }));
  if (prefix) return listBuckets(s3(), prefix);
  throw new InvalidInputError(
    "buckets",
    "Choose the buckets: give their names (buckets) or a name prefix (prefix). An empty prefix is refused, so " +
      "that no run tags every bucket of the account by accident.",
  );
}

function validateConcurrency(concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new InvalidInputError("concurrency", `concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}.`);
  }
  return concurrency;
}
