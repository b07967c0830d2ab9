import { ServiceError } from "../http/serviceError";
import type {
  Operation,
  OperationContext,
  ServiceProtocol,
  ServiceRequest,
  ServiceResponse,
} from "../http/serviceTypes";
import { s3Error } from "../protocol/restXml";
import type { BucketAccessDependencies } from "./bucketAccess";
import { getBucketLocation, headBucket } from "./bucketLocation";
import { deleteBucketTagging, getBucketTagging, putBucketTagging } from "./bucketTagging";
import { createBucket } from "./createBucket";
import { listBuckets } from "./listBuckets";

export interface S3ServiceDependencies extends BucketAccessDependencies {
  /** The endpoint's `host:port`, to tell a virtual-hosted request (`<bucket>.<host>`) from a path-style one. */
  endpointHost?: () => string;
}

type BucketHandler = (
  context: OperationContext,
  bucket: string,
  dependencies: BucketAccessDependencies,
) => ServiceResponse;

// Bucket operations by method and sub-resource (the query parameter that names it, such as ?tagging).
const BUCKET_OPERATIONS: Record<string, [string, BucketHandler]> = {
  "PUT ": ["CreateBucket", createBucket],
  "HEAD ": ["HeadBucket", headBucket],
  "GET location": ["GetBucketLocation", getBucketLocation],
  "GET tagging": ["GetBucketTagging", getBucketTagging],
  "PUT tagging": ["PutBucketTagging", putBucketTagging],
  "DELETE tagging": ["DeleteBucketTagging", deleteBucketTagging],
};
const SUB_RESOURCES = ["location", "tagging"];

function notImplemented(what: string): ServiceError {
  return new ServiceError("NotImplemented", 501, `local-stack's S3 does not implement ${what}.`);
}

// A virtual-hosted request (`GET /?tagging` to `<bucket>.<host>`) would read as ListBuckets here
// and answer something wrong: refuse it, saying how to send path-style requests.
function refuseVirtualHosted(request: ServiceRequest, endpointHost: string | undefined): void {
  const host = request.headers.host;
  if (!endpointHost || typeof host !== "string" || !host.endsWith(`.${endpointHost}`)) return;
  const bucket = host.slice(0, -endpointHost.length - 1);
  throw new ServiceError(
    "NotImplemented",
    501,
    `local-stack's S3 serves path-style requests only (http://${endpointHost}/${bucket}), like an S3-compatible ` +
      `store without a domain configured; this request names bucket "${bucket}" in its host name. Set the client's ` +
      "forcePathStyle (AWS_S3_FORCE_PATH_STYLE=true for this repository's tasks).",
  );
}

/**
 * S3 in path style (`/<bucket>?<sub-resource>`), which the SDK uses for an IP endpoint such as the
 * stand-in's: ListBuckets, CreateBucket, HeadBucket, GetBucketLocation and bucket tagging.
 */
export function s3Service(dependencies: S3ServiceDependencies): ServiceProtocol {
  return {
    service: "s3",
    signing: { name: "s3", escapePath: false, dialect: "s3" },
    internalErrorCode: "InternalError",
    resolve(request: ServiceRequest): Operation {
      refuseVirtualHosted(request, dependencies.endpointHost?.());
      const [bucketSegment = "", ...keySegments] = request.rawPath.replace(/^\//, "").split("/");
      const key = keySegments.join("/");
      if (bucketSegment === "") {
        if (request.method !== "GET") throw notImplemented(`${request.method} /`);
        return {
          name: "ListBuckets",
          signed: true,
          handle: async (context) => listBuckets(context, dependencies),
        };
      }
      if (key !== "") throw notImplemented("object operations");
      const bucket = decodeURIComponent(bucketSegment);
      const subResource = SUB_RESOURCES.find((name) => name in request.query) ?? "";
      const entry = BUCKET_OPERATIONS[`${request.method} ${subResource}`];
      if (!entry) throw notImplemented(`${request.method} on a bucket${subResource ? ` ?${subResource}` : ""}`);
      const [name, handler] = entry;
      return { name, signed: true, handle: async (context) => handler(context, bucket, dependencies) };
    },
    errorResponse: s3Error,
  };
}
