import { S3Client } from "@aws-sdk/client-s3";
import { getAwsAccountId } from "@repo/aws-auth";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { readBucketTags, writeBucketTags } from "./bucketTagging";
import { redirectRegion } from "./bucketRegionRedirect";
import { RegionalClients, type SharedClientConfig } from "./regionalClients";
import { isS3ControlUnavailable, S3ControlTagging } from "./s3ControlTagging";
import { isWrite, planTagChange, type Tag, type TagChange, type TagChangePlan } from "./tagChange";
import { confirmTagChange, type ConfirmOptions } from "./confirmTagChange";

export type WriteMethod = "s3-control" | "put-bucket-tagging";

export interface TagChangeResult extends TagChangePlan {
  bucket: string;
  region: string;
  dryRun: boolean;
  /** How the change was written; absent when nothing was written. */
  method?: WriteMethod;
}

export interface BucketTaggerOptions {
  credentials: AwsCredentialIdentityProvider;
  /** The region asked first about a bucket. Default: the SDK's (AWS_REGION). */
  region?: string;
  clientConfig?: SharedClientConfig;
  /** How patiently a write is confirmed by reading the tags back. */
  confirm?: ConfirmOptions;
}

export interface ChangeOptions {
  dryRun: boolean;
  /** The bucket's region when the caller already knows it (ListBuckets tells it). */
  region?: string;
}

/**
 * Reads and changes bucket tags without losing any: the change is planned on the current set,
 * written as one key with S3 Control where the account allows it, else as the whole merged set
 * with PutBucketTagging, which is then confirmed by reading the tags back. Buckets in other regions are
 * reached through a client for their region (told by S3's redirect), all sharing one credentials
 * provider.
 */
export class BucketTagger {
  private readonly s3: RegionalClients<S3Client>;
  private readonly s3Control: S3ControlTagging;
  private readonly defaultRegion: () => Promise<string>;
  private readonly credentials: AwsCredentialIdentityProvider;
  private readonly clientConfig: SharedClientConfig;
  private s3ControlUnavailable = false;
  private accountId: Promise<string> | undefined;

  private readonly confirmOptions: ConfirmOptions;

  constructor({ credentials, region, clientConfig = {}, confirm = {} }: BucketTaggerOptions) {
    this.credentials = credentials;
    this.clientConfig = clientConfig;
    this.confirmOptions = confirm;
    this.s3 = new RegionalClients((r) => new S3Client({ ...clientConfig, region: r, credentials }));
    this.s3Control = new S3ControlTagging(credentials, clientConfig);
    // The client of the default region (the option, else clientConfig's, else AWS_REGION or the
    // profile's, as the SDK resolves it), created first and then shared like any other region's.
    const first = new S3Client({ ...clientConfig, ...(region ? { region } : {}), credentials });
    this.defaultRegion = async () => {
      const resolved = await first.config.region();
      this.s3.add(resolved, first);
      return resolved;
    };
  }

  /**
   * The bucket's tags, and its region. Unless the caller knows the region, the tags are asked in
   * the default region first: a bucket elsewhere answers 301 with its region, which costs one
   * request only for such buckets, instead of a HeadBucket for every bucket.
   */
  async read(bucket: string, region?: string): Promise<{ region: string; tags: Tag[] }> {
    const tried = region ?? (await this.defaultRegion());
    try {
      return { region: tried, tags: await readBucketTags(this.s3.get(tried), bucket) };
    } catch (error) {
      const actual = redirectRegion(error);
      if (!actual || actual === tried) throw error;
      return { region: actual, tags: await readBucketTags(this.s3.get(actual), bucket) };
    }
  }

  async change(bucket: string, change: TagChange, options: ChangeOptions): Promise<TagChangeResult> {
    const { region, tags } = await this.read(bucket, options.region);
    const plan = planTagChange(bucket, tags, change);
    const result = { ...plan, bucket, region, dryRun: options.dryRun };
    if (!isWrite(plan) || options.dryRun) return result;

    // TagResource and UntagResource change only this key, atomically: their success confirms it.
    if (await this.writeOneKey(bucket, region, plan)) return { ...result, method: "s3-control" };

    // The whole set was replaced, and anything written since the read is lost: read it back.
    await writeBucketTags(this.s3.get(region), bucket, plan.tagsAfter);
    const readBack = () => readBucketTags(this.s3.get(region), bucket);
    const tagsAfter = await confirmTagChange(bucket, readBack, plan.tagsAfter, this.confirmOptions);
    return { ...result, tagsAfter, method: "put-bucket-tagging" };
  }

  /** Writes the change with S3 Control where the account and role allow it; false where not. */
  private async writeOneKey(bucket: string, region: string, plan: TagChangePlan): Promise<boolean> {
    if (this.s3ControlUnavailable) return false;
    try {
      this.accountId ??= getAwsAccountId(this.credentials, { ...this.clientConfig, region });
      await this.s3Control.apply(region, await this.accountId, bucket, plan);
      return true;
    } catch (error) {
      if (!isS3ControlUnavailable(error)) throw error;
      // Asked once: a role without s3:TagResource should not pay a refused call per bucket.
      this.s3ControlUnavailable = true;
      return false;
    }
  }
}
