import { ServiceError } from "../http/serviceError";
import type { Operation, ServiceProtocol, ServiceRequest } from "../http/serviceTypes";
import { s3ControlError } from "../protocol/restXml";
import { isTagsPath } from "./resourceArn";
import { listTagsForResource, type ResourceTaggingDependencies, tagResource, untagResource } from "./resourceTagging";

const TAGGING_OPERATIONS = {
  POST: ["TagResource", tagResource],
  DELETE: ["UntagResource", untagResource],
  GET: ["ListTagsForResource", listTagsForResource],
} as const;

/**
 * S3 Control's resource tagging for general purpose buckets (`/v20180820/tags/{ResourceArn}`),
 * sharing the buckets' tag sets with S3. It signs as `s3`, and the SDK sends it to
 * `<account ID>.<endpoint host>`.
 */
export function s3ControlService(dependencies: ResourceTaggingDependencies): ServiceProtocol {
  return {
    service: "s3Control",
    signing: { name: "s3", escapePath: false, dialect: "s3" },
    internalErrorCode: "InternalError",
    resolve(request: ServiceRequest): Operation {
      const entry = isTagsPath(request.rawPath)
        ? TAGGING_OPERATIONS[request.method as keyof typeof TAGGING_OPERATIONS]
        : undefined;
      if (!entry) {
        throw new ServiceError(
          "NotImplemented",
          501,
          `local-stack's S3 Control implements only TagResource, UntagResource and ListTagsForResource.`,
        );
      }
      const [name, handler] = entry;
      return { name, signed: true, handle: async (context) => handler(context, dependencies) };
    },
    errorResponse: s3ControlError,
  };
}
