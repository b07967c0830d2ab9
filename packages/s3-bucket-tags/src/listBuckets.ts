import { paginateListBuckets, type S3Client } from "@aws-sdk/client-s3";

export interface BucketSummary {
  name: string;
  /** ListBuckets tells each bucket's region, which saves a HeadBucket per bucket. */
  region?: string;
}

/**
 * The account's buckets whose name starts with `prefix`, a page at a time: S3 filters by prefix
 * itself, and a caller consuming this lazily never holds more than one page of names.
 */
export async function* listBuckets(s3: S3Client, prefix: string): AsyncGenerator<BucketSummary> {
  for await (const page of paginateListBuckets({ client: s3 }, { Prefix: prefix, MaxBuckets: 1000 })) {
    for (const bucket of page.Buckets ?? []) {
      if (bucket.Name) yield { name: bucket.Name, ...(bucket.BucketRegion ? { region: bucket.BucketRegion } : {}) };
    }
  }
}
