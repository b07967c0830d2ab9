import type { ResolvedBucket } from "../config/resolvedConfig";

export interface Bucket {
  name: string;
  /** The account that owns it: only its callers list it or reach it (no bucket policies here). */
  accountId: string;
  region: string;
  creationDate: Date;
  /** ABAC enabled: tags are managed through S3 Control only. */
  abac: boolean;
  /** Insertion order is kept, so listings are stable. */
  tags: Map<string, string>;
}

/** The account's buckets, shared by S3 and S3 Control (one tag set per bucket, as in AWS). */
export class BucketStore {
  private readonly buckets = new Map<string, Bucket>();

  constructor(initial: readonly ResolvedBucket[], createdAt: Date) {
    for (const bucket of initial) {
      this.buckets.set(bucket.name, {
        name: bucket.name,
        accountId: bucket.accountId,
        region: bucket.region,
        creationDate: createdAt,
        abac: bucket.abac,
        tags: new Map(Object.entries(bucket.tags)),
      });
    }
  }

  get(name: string): Bucket | undefined {
    return this.buckets.get(name);
  }

  /** Every bucket (of one account, when given), ordered by name as ListBuckets orders them. */
  list(accountId?: string): Bucket[] {
    return [...this.buckets.values()]
      .filter((bucket) => accountId === undefined || bucket.accountId === accountId)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  create(name: string, accountId: string, region: string, now: Date): Bucket {
    const bucket: Bucket = { name, accountId, region, creationDate: now, abac: false, tags: new Map() };
    this.buckets.set(name, bucket);
    return bucket;
  }
}
