import { callerOf, type ServiceProtocol } from "../http/serviceTypes";
import { queryService } from "../protocol/queryService";
import { assumeRole } from "./assumeRole";
import { type AssumeRoleDependencies, assumeRoleWithWebIdentity } from "./assumeRoleWithWebIdentity";
import { getCallerIdentity } from "./getCallerIdentity";

/**
 * STS in the query protocol: AssumeRoleWithWebIdentity (unsigned), AssumeRole and GetCallerIdentity
 * (signed). It is the regional endpoint of the config's region (the AWS_REGION it hands out): a
 * request signed for another region is refused, as sts.<region>.amazonaws.com refuses it.
 */
export function stsService(dependencies: AssumeRoleDependencies): ServiceProtocol {
  return queryService({
    service: "sts",
    signingName: "sts",
    namespace: "https://sts.amazonaws.com/doc/2011-06-15/",
    version: "2011-06-15",
    internalErrorCode: "InternalFailure",
    regions: [dependencies.config.region],
    actions: {
      AssumeRoleWithWebIdentity: {
        signed: false,
        run: (parameters, context) => assumeRoleWithWebIdentity(parameters, context.annotate, dependencies),
      },
      AssumeRole: {
        signed: true,
        run: (parameters, context) => assumeRole(parameters, callerOf(context), context.annotate, dependencies),
      },
      GetCallerIdentity: {
        signed: true,
        run: (_parameters, context) => getCallerIdentity(callerOf(context)),
      },
    },
  });
}
