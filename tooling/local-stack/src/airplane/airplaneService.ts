import { jsonResponse } from "../http/jsonResponse";
import { ServiceError } from "../http/serviceError";
import type { Operation, ServiceProtocol, ServiceRequest, ServiceResponse } from "../http/serviceTypes";
import { DISCOVERY_PATH, JWKS_PATH, jwks, openIdConfiguration } from "../oidc/discovery";
import { AIRPLANE_CLAIMS } from "./airplaneIdToken";
import { generateIdToken, type TokenApiDependencies } from "./tokenApi";

export interface AirplaneServiceDependencies extends TokenApiDependencies {
  /** This server's own URL, known once it listens. */
  baseUrl: () => string;
}

/** Airplane's API as tasks reach it: the token endpoint, and the OIDC documents STS fetches. */
export function airplaneService(dependencies: AirplaneServiceDependencies): ServiceProtocol {
  const { issuer, baseUrl } = dependencies;
  const routes: Record<string, Operation> = {
    [`POST /v0/oidc/generateIDToken`]: {
      name: "GenerateIdToken",
      signed: false,
      handle: (context) => generateIdToken(context, dependencies),
    },
    [`GET ${DISCOVERY_PATH}`]: {
      name: "GetOpenIdConfiguration",
      signed: false,
      handle: async () =>
        openIdConfiguration(issuer, baseUrl(), ["iss", "aud", "sub", "iat", "exp", ...AIRPLANE_CLAIMS]),
    },
    [`GET ${JWKS_PATH}`]: { name: "GetJwks", signed: false, handle: () => jwks(issuer) },
  };
  return {
    service: "airplane",
    internalErrorCode: "InternalError",
    resolve(request: ServiceRequest): Operation {
      const operation = routes[`${request.method} ${request.rawPath}`];
      if (!operation) throw new ServiceError("NotFound", 404, `No route for ${request.method} ${request.rawPath}.`);
      return operation;
    },
    // Airplane's API answers errors as JSON {"error", "code"}; the SDK shows `error` as the message.
    errorResponse: (error: ServiceError): ServiceResponse =>
      jsonResponse(error.status, { error: error.message, code: error.code }, error.details.headers),
  };
}
