import { jsonResponse } from "../http/jsonResponse";
import { ServiceError } from "../http/serviceError";
import type { Operation, ServiceProtocol, ServiceRequest, ServiceResponse } from "../http/serviceTypes";
import { DISCOVERY_PATH, JWKS_PATH, jwks, openIdConfiguration } from "../oidc/discovery";
import { GITHUB_CLAIMS } from "./githubIdToken";
import { getIdToken, ID_TOKEN_PATH, type TokenEndpointDependencies } from "./tokenEndpoint";

export interface GithubServiceDependencies extends TokenEndpointDependencies {
  /** This server's own URL, known once it listens. */
  baseUrl: () => string;
}

const CLAIMS_SUPPORTED = ["iss", "aud", "sub", "iat", "nbf", "exp", ...GITHUB_CLAIMS];

/**
 * GitHub Actions as a job reaches it: the runner service's ID token endpoint, and the OIDC documents
 * of `https://token.actions.githubusercontent.com` that STS fetches. Errors are JSON `{"message"}`,
 * which `@actions/core` shows.
 */
export function githubService(dependencies: GithubServiceDependencies): ServiceProtocol {
  const { issuer, baseUrl } = dependencies;
  const documents: Record<string, Operation> = {
    [DISCOVERY_PATH]: {
      name: "GetOpenIdConfiguration",
      signed: false,
      handle: async () => openIdConfiguration(issuer, baseUrl(), CLAIMS_SUPPORTED),
    },
    [JWKS_PATH]: { name: "GetJwks", signed: false, handle: () => jwks(issuer) },
  };
  const idToken: Operation = {
    name: "GetIdToken",
    signed: false,
    handle: (context) => getIdToken(context, dependencies),
  };
  return {
    service: "github",
    internalErrorCode: "InternalError",
    resolve(request: ServiceRequest): Operation {
      const operation =
        request.method !== "GET"
          ? undefined
          : ID_TOKEN_PATH.test(request.rawPath)
            ? idToken
            : documents[request.rawPath];
      if (!operation) throw new ServiceError("NotFound", 404, `No route for ${request.method} ${request.rawPath}.`);
      return operation;
    },
    errorResponse: (error: ServiceError): ServiceResponse =>
      jsonResponse(error.status, { message: error.message, code: error.code }, error.details.headers),
  };
}
