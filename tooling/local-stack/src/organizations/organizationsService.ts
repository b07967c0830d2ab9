import type { ResolvedConfig } from "../config/resolvedConfig";
import { callerOf, type ServiceProtocol } from "../http/serviceTypes";
import { jsonService } from "../protocol/jsonService";
import { listAccounts } from "./listAccounts";

export interface OrganizationsServiceDependencies {
  config: ResolvedConfig;
  now: () => Date;
}

/** AWS Organizations in the JSON 1.1 protocol: ListAccounts, for a task that walks an organization's accounts. */
export function organizationsService({ config, now }: OrganizationsServiceDependencies): ServiceProtocol {
  return jsonService({
    service: "organizations",
    signingName: "organizations",
    targetPrefix: "AWSOrganizationsV20161128",
    internalErrorCode: "ServiceException",
    regions: [config.region],
    actions: {
      ListAccounts: { run: (input, context) => listAccounts(input, callerOf(context), config, now()) },
    },
  });
}
