import type { ResolvedConfig } from "../config/resolvedConfig";
import { callerOf, type ServiceProtocol } from "../http/serviceTypes";
import { queryService } from "../protocol/queryService";
import { getRole } from "./getRole";
import { listRoles } from "./listRoles";

export interface IamServiceDependencies {
  config: ResolvedConfig;
  now: () => Date;
}

/**
 * IAM's global endpoint in the query protocol: ListRoles and GetRole. Any region in the signature
 * is accepted: real IAM wants us-east-1, which the SDK uses for IAM's own endpoint, but with a
 * custom endpoint (AWS_ENDPOINT_URL_IAM) the SDK signs with the client's region.
 */
export function iamService({ config, now }: IamServiceDependencies): ServiceProtocol {
  return queryService({
    service: "iam",
    signingName: "iam",
    namespace: "https://iam.amazonaws.com/doc/2010-05-08/",
    version: "2010-05-08",
    internalErrorCode: "ServiceFailure",
    actions: {
      ListRoles: {
        signed: true,
        run: (parameters, context) => listRoles(parameters, callerOf(context), config, now()),
      },
      GetRole: { signed: true, run: (parameters, context) => getRole(parameters, callerOf(context), config, now()) },
    },
  });
}
