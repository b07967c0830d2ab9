import { setTimeout as sleep } from "node:timers/promises";
import type { FaultInjector } from "../faults/faultInjector";
import type { RequestLog } from "../observability/requestLog";
import { AuthenticationError } from "../sigv4/authenticationError";
import { authenticationServiceError } from "../sigv4/authenticationServiceError";
import { verifyRequest } from "../sigv4/verifyRequest";
import type { SessionStore } from "../state/sessionStore";
import { ServiceError } from "./serviceError";
import type { LogDetails, OperationContext, ServiceProtocol, ServiceRequest, ServiceResponse } from "./serviceTypes";

export interface PipelineDependencies {
  log: RequestLog;
  faults: FaultInjector;
  sessions: SessionStore;
  now: () => Date;
}

function asServiceError(error: unknown, protocol: ServiceProtocol): ServiceError {
  if (error instanceof ServiceError) return error;
  if (error instanceof AuthenticationError)
    return authenticationServiceError(error, protocol.signing?.dialect ?? "query");
  // A bug in the stand-in: say so on stderr, and answer as AWS does when it fails.
  console.error(`local-stack: ${protocol.service} failed unexpectedly`, error);
  return new ServiceError(protocol.internalErrorCode, 500, "We encountered an internal error. Please try again.");
}

/** Authenticates a signed request and puts the caller in the context and the log details. */
async function authenticate(
  context: OperationContext,
  protocol: ServiceProtocol,
  dependencies: PipelineDependencies,
  details: LogDetails,
): Promise<void> {
  if (!protocol.signing) throw new Error(`${protocol.service} has a signed operation but no signing rules.`);
  try {
    const verified = await verifyRequest(context.request, {
      sessions: dependencies.sessions,
      signingName: protocol.signing.name,
      escapePath: protocol.signing.escapePath,
      dialect: protocol.signing.dialect,
      ...(protocol.signing.regions ? { regions: protocol.signing.regions } : {}),
      now: dependencies.now(),
    });
    context.caller = verified.session;
    context.signingRegion = verified.region;
    details.accessKeyId = verified.session.accessKeyId;
    details.roleSessionName = verified.session.roleSessionName;
  } catch (error) {
    // A refused request is logged with the key it claimed, so a test can tell whose it was.
    if (error instanceof AuthenticationError && error.accessKeyId) details.accessKeyId = error.accessKeyId;
    throw error;
  }
}

/**
 * What every service does with every request, around the operation itself: resolve the operation,
 * apply injected faults, authenticate signed requests, answer errors in the service's shape, and
 * record the request in the log.
 */
export function servicePipeline(protocol: ServiceProtocol, dependencies: PipelineDependencies) {
  return async (request: ServiceRequest): Promise<ServiceResponse> => {
    const at = dependencies.now();
    const started = performance.now();
    const details: LogDetails = {};
    let operationName = "Unknown";
    let response: ServiceResponse;
    let failure: ServiceError | undefined;
    try {
      const operation = protocol.resolve(request);
      operationName = operation.name;
      const fault = dependencies.faults.take(protocol.service, operation.name);
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.fail) {
        const { code, status, message } = fault.fail;
        throw new ServiceError(code, status, message ?? `${code} (injected by local-stack)`, { injected: true });
      }
      const context: OperationContext = { request, annotate: (more) => Object.assign(details, more) };
      if (operation.signed) await authenticate(context, protocol, dependencies, details);
      response = await operation.handle(context);
    } catch (error) {
      failure = asServiceError(error, protocol);
      response = protocol.errorResponse(failure, request);
    }
    dependencies.log.record({
      service: protocol.service,
      operation: operationName,
      status: response.status,
      ...(failure ? { errorCode: failure.code } : {}),
      ...details,
      ...(failure?.details.injected ? { injected: true } : {}),
      durationMs: Math.round(performance.now() - started),
      at,
    });
    return response;
  };
}
