import type { IncomingHttpHeaders } from "node:http";
import type { ServiceName } from "../serviceName";
import type { Session } from "../state/sessionStore";
import type { SigningDialect } from "../sigv4/signingDialect";
import type { ServiceError } from "./serviceError";

/** An HTTP request as the services see it: the raw path (still percent-encoded) and the whole body. */
export interface ServiceRequest {
  method: string;
  rawPath: string;
  /** Decoded query parameters; a repeated name gives an array. */
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
}

export interface ServiceResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** What an operation may add to its request log entry. */
export interface LogDetails {
  roleSessionName?: string;
  sub?: string;
  audience?: string;
  accessKeyId?: string;
}

export interface OperationContext {
  request: ServiceRequest;
  /** The STS session whose credentials signed the request; set for signed operations. */
  caller?: Session;
  /** The region of the SigV4 credential scope, for signed operations. */
  signingRegion?: string;
  annotate: (details: LogDetails) => void;
}

export interface Operation {
  name: string;
  /** Whether the request must carry a SigV4 signature by credentials the stand-in issued. */
  signed: boolean;
  handle(context: OperationContext): Promise<ServiceResponse>;
}

export interface SigningRules {
  /** The SigV4 service name in the credential scope (`s3` for S3 Control too). */
  name: string;
  /** S3 signs the path as sent; other services sign it URI-encoded again (SigV4's rule). */
  escapePath: boolean;
  /** The regions the endpoint serves, one of which the credential scope must name; any when absent. */
  regions?: readonly string[];
  /** S3's SigV4 rules and error codes, or those of the query and JSON services (see SigningDialect). */
  dialect: SigningDialect;
}

/** One service's wire protocol: which operation a request is, and how its errors look. */
export interface ServiceProtocol {
  service: ServiceName;
  /** For services with signed operations. */
  signing?: SigningRules;
  /** The code of a 500 caused by a bug in the stand-in (`InternalFailure`, `InternalError`). */
  internalErrorCode: string;
  /** Throws a `ServiceError` for a request that is no known operation. */
  resolve(request: ServiceRequest): Operation;
  errorResponse(error: ServiceError, request: ServiceRequest): ServiceResponse;
}

/** The caller of a signed operation; the pipeline authenticated it before the operation ran. */
export function callerOf(context: OperationContext): Session {
  if (!context.caller) throw new Error("A signed operation ran without an authenticated caller.");
  return context.caller;
}
