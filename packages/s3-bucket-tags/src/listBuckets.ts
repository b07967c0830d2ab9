import { paginateListBuckets, type S3Client } from "@aws-sdk/client-s3";

export interface BucketSummary {
  name: string;
  /** ListBuckets tells each bucket's region, which saves a HeadBucket per bucket. */
  region?: string;
}

/** One page of a listing, and whether it is the last: a run knows its total once it is. */
export interface BucketPage {
  buckets: BucketSummary[];
  last: boolean;
}

/**
 * The account's buckets whose name starts with `prefix`, a page at a time: S3 filters by prefix
 * itself, and a caller consuming this lazily never holds more than one page of names.
 */
export async function* listBucketPages(s3: S3Client, prefix: string): AsyncGenerator<BucketPage> {
  for await (const page of paginateListBuckets({ client: s3 }, { Prefix: prefix, MaxBuckets: 1000 })) {
    const buckets = (page.Buckets ?? []).flatMap((bucket) =>
      bucket.Name ? [{ name: bucket.Name, ...(bucket.BucketRegion ? { region: bucket.BucketRegion } : {}) }] : [],
    );
    yield { buckets, last: !page.ContinuationToken };
  }
}
