import type { ServiceName } from "../serviceName";
import { ServiceError } from "../http/serviceError";
import { awsServiceSigning } from "./awsServiceSigning";
import type { Operation, OperationContext, ServiceProtocol, ServiceRequest } from "../http/serviceTypes";
import { queryError, queryParameters, queryResult } from "./queryProtocol";
import type { XmlElement } from "./xml";

export interface QueryAction {
  signed: boolean;
  /** The content of `<{Action}Result>`. */
  run: (parameters: Record<string, string>, context: OperationContext) => Promise<XmlElement> | XmlElement;
}

export interface QueryServiceDefinition {
  service: ServiceName;
  /** The SigV4 service name, such as `sts`. */
  signingName: string;
  /** The XML namespace of responses, such as `https://sts.amazonaws.com/doc/2011-06-15/`. */
  namespace: string;
  /** The API version, such as `2011-06-15`. */
  version: string;
  internalErrorCode: string;
  actions: Record<string, QueryAction>;
  /** The regions a signed request's credential scope may name; any when absent (IAM, see iamService). */
  regions?: readonly string[];
}

/**
 * A service in AWS's query protocol (STS, IAM): the `Action` parameter names the operation, the
 * result comes wrapped in `<{Action}Response>`, errors in `<ErrorResponse>`.
 */
export function queryService(definition: QueryServiceDefinition): ServiceProtocol {
  const { namespace, actions } = definition;
  return {
    service: definition.service,
    signing: awsServiceSigning(definition.signingName, definition.regions),
    internalErrorCode: definition.internalErrorCode,
    resolve(request: ServiceRequest): Operation {
      const parameters = queryParameters(request);
      const name = parameters.Action;
      if (!name) throw new ServiceError("MissingAction", 400, "Request is missing Action");
      const action = actions[name];
      if (!action) {
        throw new ServiceError(
          "InvalidAction",
          400,
          `Could not find operation ${name} for version ${parameters.Version ?? definition.version} ` +
            `(local-stack's ${definition.service.toUpperCase()} serves ${Object.keys(actions).join(" and ")})`,
        );
      }
      return {
        name,
        signed: action.signed,
        handle: async (context) =>
          queryResult(name, namespace, await action.run(parameters, context), request.requestId),
      };
    },
    errorResponse: (error, request) => queryError(error, namespace, request.requestId),
  };
}
