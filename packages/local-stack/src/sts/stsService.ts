import { ServiceError } from "../http/serviceError";
import { callerOf, type Operation, type ServiceProtocol, type ServiceRequest } from "../http/serviceTypes";
import { queryError, queryParameters, queryResult } from "../protocol/queryProtocol";
import { type AssumeRoleDependencies, assumeRoleWithWebIdentity } from "./assumeRoleWithWebIdentity";
import { getCallerIdentity } from "./getCallerIdentity";

const NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
const VERSION = "2011-06-15";

/** STS in the query protocol: AssumeRoleWithWebIdentity (unsigned) and GetCallerIdentity (signed). */
export function stsService(dependencies: AssumeRoleDependencies): ServiceProtocol {
  return {
    service: "sts",
    signing: { name: "sts", escapePath: true, errors: "query" },
    internalErrorCode: "InternalFailure",
    resolve(request: ServiceRequest): Operation {
      const parameters = queryParameters(request);
      const action = parameters.Action;
      if (!action) throw new ServiceError("MissingAction", 400, "Request is missing Action");
      if (action === "AssumeRoleWithWebIdentity") {
        return {
          name: action,
          signed: false,
          handle: async (context) =>
            queryResult(
              action,
              NAMESPACE,
              await assumeRoleWithWebIdentity(parameters, context.annotate, dependencies),
              request.requestId,
            ),
        };
      }
      if (action === "GetCallerIdentity") {
        return {
          name: action,
          signed: true,
          handle: async (context) =>
            queryResult(
              action,
              NAMESPACE,
              getCallerIdentity(callerOf(context), dependencies.config.accountId),
              request.requestId,
            ),
        };
      }
      throw new ServiceError(
        "InvalidAction",
        400,
        `Could not find operation ${action} for version ${parameters.Version ?? VERSION} ` +
          "(local-stack's STS serves AssumeRoleWithWebIdentity and GetCallerIdentity)",
      );
    },
    errorResponse: (error, request) => queryError(error, NAMESPACE, request.requestId),
  };
}
