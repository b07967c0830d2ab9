import type { ResolvedBucket } from "../config/resolvedConfig";

export interface Bucket {
  name: string;
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

  /** Every bucket, ordered by name as ListBuckets orders them. */
  list(): Bucket[] {
    return [...this.buckets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  create(name: string, region: string, now: Date): Bucket {
    const bucket: Bucket = { name, region, creationDate: now, abac: false, tags: new Map() };
    this.buckets.set(name, bucket);
    return bucket;
  }
}
