import { randomBytes } from "node:crypto";
import type { ServiceError } from "../http/serviceError";
import type { ServiceRequest, ServiceResponse } from "../http/serviceTypes";
import { buildXml, type XmlElement } from "./xml";

export const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
export const S3_CONTROL_NAMESPACE = "http://awss3control.amazonaws.com/doc/2018-08-20/";

// S3's x-amz-id-2 (HostId) is an opaque base64 string that identifies the answering host.
const newHostId = () => randomBytes(48).toString("base64");

function s3Headers(requestId: string, hostId: string): Record<string, string> {
  return { "x-amz-request-id": requestId, "x-amz-id-2": hostId };
}

/** A successful S3 or S3 Control reply: an XML document, or no body (HEAD, 204). */
export function restXmlReply(
  request: ServiceRequest,
  status: number,
  document?: XmlElement,
  headers: Record<string, string> = {},
): ServiceResponse {
  const base = { ...s3Headers(request.requestId, newHostId()), ...headers };
  if (!document || request.method === "HEAD") return { status, headers: base };
  return { status, headers: { ...base, "content-type": "application/xml" }, body: buildXml(document) };
}

/** S3's error shape: a bare `<Error>` with the code, message, any details, RequestId and HostId. */
export function s3Error(error: ServiceError, request: ServiceRequest): ServiceResponse {
  const hostId = newHostId();
  const headers = { ...s3Headers(request.requestId, hostId), ...error.details.headers };
  // A HEAD response has no body: the SDK can only go by the status code and headers.
  if (request.method === "HEAD") return { status: error.status, headers };
  const body = buildXml({
    Error: {
      Code: error.code,
      Message: error.message,
      ...error.details.fields,
      RequestId: request.requestId,
      HostId: hostId,
    },
  });
  return { status: error.status, headers: { ...headers, "content-type": "application/xml" }, body };
}

/** S3 Control's error shape: the `<Error>` wrapped in `<ErrorResponse>`, unlike S3's. */
export function s3ControlError(error: ServiceError, request: ServiceRequest): ServiceResponse {
  const hostId = newHostId();
  const body = buildXml({
    ErrorResponse: {
      "@_xmlns": S3_CONTROL_NAMESPACE,
      Error: { Code: error.code, Message: error.message, ...error.details.fields },
      RequestId: request.requestId,
      HostId: hostId,
    },
  });
  return {
    status: error.status,
    headers: { ...s3Headers(request.requestId, hostId), ...error.details.headers, "content-type": "application/xml" },
    body,
  };
}
