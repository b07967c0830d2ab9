import type { ResolvedConfig } from "../config/resolvedConfig";
import { ServiceError } from "../http/serviceError";
import { callerOf, type Operation, type ServiceProtocol, type ServiceRequest } from "../http/serviceTypes";
import { queryError, queryParameters, queryResult } from "../protocol/queryProtocol";
import type { XmlElement } from "../protocol/xml";
import type { Session } from "../state/sessionStore";
import { getRole } from "./getRole";
import { listRoles } from "./listRoles";

const NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
const VERSION = "2010-05-08";

export interface IamServiceDependencies {
  config: ResolvedConfig;
  now: () => Date;
}

type IamAction = (parameters: Record<string, string>, caller: Session, config: ResolvedConfig, now: Date) => XmlElement;

const ACTIONS: Record<string, IamAction> = { ListRoles: listRoles, GetRole: getRole };

/**
 * IAM's global endpoint in the query protocol: ListRoles and GetRole. Any region in the signature
 * is accepted: real IAM wants us-east-1, which the SDK uses for IAM's own endpoint, but with a
 * custom endpoint (AWS_ENDPOINT_URL_IAM) the SDK signs with the client's region.
 */
export function iamService({ config, now }: IamServiceDependencies): ServiceProtocol {
  return {
    service: "iam",
    signing: { name: "iam", escapePath: true, errors: "query" },
    internalErrorCode: "ServiceFailure",
    resolve(request: ServiceRequest): Operation {
      const parameters = queryParameters(request);
      const action = parameters.Action;
      if (!action) throw new ServiceError("MissingAction", 400, "Request is missing Action");
      const run = ACTIONS[action];
      if (!run) {
        throw new ServiceError(
          "InvalidAction",
          400,
          `Could not find operation ${action} for version ${parameters.Version ?? VERSION} ` +
            "(local-stack's IAM serves ListRoles and GetRole)",
        );
      }
      return {
        name: action,
        signed: true,
        handle: async (context) =>
          queryResult(action, NAMESPACE, run(parameters, callerOf(context), config, now()), request.requestId),
      };
    },
    errorResponse: (error, request) => queryError(error, NAMESPACE, request.requestId),
  };
}
