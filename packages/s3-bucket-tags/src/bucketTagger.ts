import { S3Client } from "@aws-sdk/client-s3";
import { getAwsAccountId } from "@repo/aws-auth";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { namedFailure, nameFailedRequests } from "./awsRequestError";
import { readBucketTags, writeBucketTags } from "./bucketTagging";
import { redirectRegion } from "./bucketRegionRedirect";
import { type BucketPage, listBucketPages } from "./listBuckets";
import { RegionalClients, type SharedClientConfig } from "./regionalClients";
import { isS3ControlUnavailable, S3ControlTagging } from "./s3ControlTagging";
import { isWrite, planTagChange, type Tag, type TagChange, type TagChangePlan } from "./tagChange";
import { confirmTagChange, type ConfirmOptions } from "./confirmTagChange";
import { s3Endpoints } from "./s3Endpoints";
import { SerialQueues } from "./serialQueues";

export type WriteMethod = "s3-control" | "put-bucket-tagging";

export interface TagChangeResult extends TagChangePlan {
  bucket: string;
  region: string;
  dryRun: boolean;
  /** How the change was written; absent when nothing was written. */
  method?: WriteMethod;
  /** Set when the write replaced the whole tag set: what another writer may have lost. */
  warning?: string;
}

/** The truth about a PutBucketTagging write, told in every result written that way. */
export const WHOLE_SET_REPLACED_WARNING =
  "Written with PutBucketTagging, which replaces the whole tag set: a change another writer made to this " +
  "bucket's tags between our read and our write is lost. Grant s3:TagResource and s3:UntagResource (the " +
  "generated roles have them) to write one key instead.";

export interface BucketTaggerOptions {
  credentials: AwsCredentialIdentityProvider;
  /** The region asked first about a bucket. Default: the SDK's (AWS_REGION). */
  region?: string;
  clientConfig?: SharedClientConfig;
  /** How patiently a write is confirmed by reading the tags back. */
  confirm?: ConfirmOptions;
  /** S3's endpoint, for an S3-compatible store; default: the SDK's (AWS_ENDPOINT_URL_S3). */
  endpoint?: string;
  /** Path-style S3 addressing; default: AWS_S3_FORCE_PATH_STYLE. */
  forcePathStyle?: boolean;
}

export interface ChangeOptions {
  dryRun: boolean;
  /** The bucket's region when the caller already knows it (ListBuckets tells it). */
  region?: string;
}

/**
 * Reads and changes bucket tags: the change is planned on the current set, written as one key
 * with S3 Control where the account allows it (no other key is touched), else as the whole merged
 * set with PutBucketTagging, whose result warns that a concurrent writer's change may be lost and
 * which fails when our own change is gone on reading back. S3 Control is never called for an
 * S3-compatible store (S3's endpoint overridden, S3 Control's not). Changes to one bucket are
 * made one at a time. Buckets in other regions are reached through a client for their region (told
 * by S3's redirect), all sharing one credentials provider. An AWS error leaves it named by its
 * request and attempts (`AwsRequestError`, AWS's error as the cause).
 */
export class BucketTagger {
  private readonly s3: RegionalClients<S3Client>;
  private readonly s3Control: S3ControlTagging;
  private readonly defaultRegion: () => Promise<string>;
  private readonly defaultClient: S3Client;
  private readonly credentials: AwsCredentialIdentityProvider;
  private readonly clientConfig: SharedClientConfig;
  private s3ControlUnavailable: boolean;
  private accountId: Promise<string> | undefined;
  private readonly perBucket = new SerialQueues();

  private readonly confirmOptions: ConfirmOptions;

  constructor(options: BucketTaggerOptions) {
    const { credentials, region, clientConfig = {}, confirm = {}, endpoint } = options;
    this.credentials = credentials;
    this.clientConfig = clientConfig;
    this.confirmOptions = confirm;
    const endpoints = s3Endpoints(process.env, endpoint ? { s3Endpoint: endpoint } : {});
    this.s3ControlUnavailable = !endpoints.s3ControlReachable;
    const s3Config = {
      ...clientConfig,
      forcePathStyle: options.forcePathStyle ?? endpoints.forcePathStyle,
      ...(endpoint ? { endpoint } : {}),
      credentials,
    };
    const s3Client = (r?: string) => nameFailedRequests(new S3Client({ ...s3Config, ...(r ? { region: r } : {}) }));
    this.s3 = new RegionalClients(s3Client);
    this.s3Control = new S3ControlTagging(credentials, clientConfig);
    // The client of the default region (the option, else clientConfig's, else AWS_REGION or the
    // profile's, as the SDK resolves it), created first and then shared like any other region's.
    const first = s3Client(region);
    this.defaultClient = first;
    this.defaultRegion = async () => {
      const resolved = await first.config.region();
      this.s3.add(resolved, first);
      return resolved;
    };
  }

  /** The buckets whose name starts with `prefix`, a page at a time (see `listBucketPages`). */
  async *listBuckets(prefix: string): AsyncGenerator<BucketPage> {
    try {
      yield* listBucketPages(this.defaultClient, prefix);
    } catch (error) {
      throw namedFailure(error);
    }
  }

  /**
   * The bucket's tags, and its region. Unless the caller knows the region, the tags are asked in
   * the default region first: a bucket elsewhere answers 301 with its region, which costs one
   * request only for such buckets, instead of a HeadBucket for every bucket.
   */
  read(bucket: string, region?: string): Promise<{ region: string; tags: Tag[] }> {
    return this.readTags(bucket, region).catch((error: unknown) => {
      throw namedFailure(error);
    });
  }

  /** One change; changes to the same bucket through this tagger wait for each other. */
  change(bucket: string, change: TagChange, options: ChangeOptions): Promise<TagChangeResult> {
    return this.perBucket
      .run(bucket, () => this.changeNow(bucket, change, options))
      .catch((error: unknown) => {
        throw namedFailure(error);
      });
  }

  private async readTags(bucket: string, region?: string): Promise<{ region: string; tags: Tag[] }> {
    const tried = region ?? (await this.defaultRegion());
    try {
      return { region: tried, tags: await readBucketTags(this.s3.get(tried), bucket) };
    } catch (error) {
      const actual = redirectRegion(error);
      if (!actual || actual === tried) throw error;
      return { region: actual, tags: await readBucketTags(this.s3.get(actual), bucket) };
    }
  }

  private async changeNow(bucket: string, change: TagChange, options: ChangeOptions): Promise<TagChangeResult> {
    const { region, tags } = await this.readTags(bucket, options.region);
    const plan = planTagChange(bucket, tags, change);
    const result = { ...plan, bucket, region, dryRun: options.dryRun };
    if (!isWrite(plan) || options.dryRun) return result;

    // TagResource and UntagResource change only this key, atomically: their success confirms it.
    if (await this.writeOneKey(bucket, region, plan)) return { ...result, method: "s3-control" };

    // The whole set is replaced, and anything written since our read is lost: say so, and check
    // that our own change at least is there, and still there a moment later.
    await writeBucketTags(this.s3.get(region), bucket, plan.tagsAfter);
    const readBack = () => readBucketTags(this.s3.get(region), bucket);
    const tagsAfter = await confirmTagChange(bucket, readBack, plan, this.confirmOptions);
    return { ...result, tagsAfter, method: "put-bucket-tagging", warning: WHOLE_SET_REPLACED_WARNING };
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
