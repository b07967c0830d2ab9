import { createHash } from "node:crypto";
import { authorizeAction } from "../authz/authorizeAction";
import { ServiceError } from "../http/serviceError";
import { callerOf, type OperationContext, type ServiceResponse } from "../http/serviceTypes";
import { restXmlReply, S3_NAMESPACE } from "../protocol/restXml";
import { awsTimestamp } from "../sts/awsTimestamp";
import type { BucketAccessDependencies } from "./bucketAccess";

const MAX_BUCKETS_LIMIT = 10000;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// The continuation token is opaque to clients; here it is the last name listed, base64url-encoded.
const encodeToken = (name: string) => Buffer.from(name, "utf8").toString("base64url");
const decodeToken = (token: string) => Buffer.from(token, "base64url").toString("utf8");

function maxBuckets(raw: string | undefined): number {
  if (raw === undefined) return MAX_BUCKETS_LIMIT;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_BUCKETS_LIMIT) {
    throw new ServiceError("InvalidArgument", 400, `max-buckets must be a whole number from 1 to ${MAX_BUCKETS_LIMIT}`);
  }
  return value;
}

/**
 * S3 ListBuckets (needs `s3:ListAllMyBuckets`): every bucket of the caller's account whatever the region,
 * with its `BucketRegion`; filtered by `prefix` and `bucket-region`; paginated by `max-buckets`
 * and `continuation-token`.
 */
export function listBuckets(context: OperationContext, { buckets, now }: BucketAccessDependencies): ServiceResponse {
  const { query } = context.request;
  const { accountId } = callerOf(context);
  authorizeAction(
    callerOf(context),
    {
      action: "s3:ListAllMyBuckets",
      resource: "*",
      ...(context.signingRegion ? { region: context.signingRegion } : {}),
    },
    now(),
  );
  const prefix = single(query.prefix);
  const region = single(query["bucket-region"]);
  const limit = maxBuckets(single(query["max-buckets"]));
  const token = single(query["continuation-token"]);
  const after = token === undefined ? undefined : decodeToken(token);
  if (token !== undefined && (after === "" || encodeToken(after ?? "") !== token)) {
    throw new ServiceError("InvalidArgument", 400, "The continuation token provided is incorrect");
  }

  const matching = buckets
    .list(accountId)
    .filter(
      (bucket) => (prefix === undefined || bucket.name.startsWith(prefix)) && (!region || bucket.region === region),
    )
    .filter((bucket) => after === undefined || bucket.name > after);
  const page = matching.slice(0, limit);
  const last = page.at(-1);
  return restXmlReply(context.request, 200, {
    ListAllMyBucketsResult: {
      "@_xmlns": S3_NAMESPACE,
      Buckets: {
        Bucket: page.map((bucket) => ({
          Name: bucket.name,
          CreationDate: awsTimestamp(bucket.creationDate),
          BucketRegion: bucket.region,
        })),
      },
      Owner: { ID: createHash("sha256").update(accountId).digest("hex") },
      ...(matching.length > page.length && last ? { ContinuationToken: encodeToken(last.name) } : {}),
      ...(prefix !== undefined ? { Prefix: prefix } : {}),
    },
  });
}
