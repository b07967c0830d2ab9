import { authorizeAction } from "../authz/authorizeAction";
import { ServiceError } from "../http/serviceError";
import { callerOf, type OperationContext, type ServiceResponse } from "../http/serviceTypes";
import { restXmlReply } from "../protocol/restXml";
import { childText, parseXml } from "../protocol/xml";
import { bucketArn, type BucketAccessDependencies } from "./bucketAccess";
import { bucketNameProblem } from "./bucketNameRules";
import { malformedXml } from "./tagXml";

// A bucket without LocationConstraint lives in us-east-1, and only us-east-1's endpoint takes that.
const DEFAULT_LOCATION = "us-east-1";

function locationConstraint(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  const configuration = parseXml(body.toString("utf8"))?.CreateBucketConfiguration;
  if (configuration === "") return undefined;
  if (typeof configuration !== "object" || configuration === null) throw malformedXml();
  return childText(configuration, "LocationConstraint");
}

/**
 * S3 CreateBucket (needs `s3:CreateBucket`): a valid name not taken, in the region of the endpoint
 * it was sent to, which `LocationConstraint` must name outside us-east-1.
 */
export function createBucket(
  context: OperationContext,
  name: string,
  { buckets, now }: BucketAccessDependencies,
): ServiceResponse {
  const problem = bucketNameProblem(name);
  if (problem) {
    throw new ServiceError("InvalidBucketName", 400, `The specified bucket is not valid: ${problem}.`, {
      fields: { BucketName: name },
    });
  }
  const endpointRegion = context.signingRegion ?? DEFAULT_LOCATION;
  authorizeAction(
    callerOf(context),
    { action: "s3:CreateBucket", resource: bucketArn(name), region: endpointRegion },
    now(),
  );
  const constraint = locationConstraint(context.request.body);
  if (constraint === DEFAULT_LOCATION) {
    throw new ServiceError("InvalidLocationConstraint", 400, "The specified location-constraint is not valid", {
      fields: { LocationConstraint: constraint },
    });
  }
  const region = constraint ?? DEFAULT_LOCATION;
  if (region !== endpointRegion) {
    throw new ServiceError(
      "IllegalLocationConstraintException",
      400,
      `The ${constraint ?? "unspecified"} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    );
  }
  const { accountId } = callerOf(context);
  const taken = buckets.get(name);
  if (taken && taken.accountId !== accountId) {
    throw new ServiceError(
      "BucketAlreadyExists",
      409,
      "The requested bucket name is not available. The bucket namespace is shared by all users of the system. " +
        "Please select a different name and try again.",
      { fields: { BucketName: name } },
    );
  }
  if (taken) {
    throw new ServiceError(
      "BucketAlreadyOwnedByYou",
      409,
      "Your previous request to create the named bucket succeeded and you already own it.",
      { fields: { BucketName: name } },
    );
  }
  buckets.create(name, accountId, region, now());
  return restXmlReply(context.request, 200, undefined, { location: `/${name}` });
}
