import type { ServiceError } from "../http/serviceError";
import type { ServiceRequest, ServiceResponse } from "../http/serviceTypes";
import { buildXml, type XmlElement } from "./xml";

/**
 * The parameters of an AWS query-protocol request (STS, IAM): the form-encoded POST body, plus any
 * in the query string, where the protocol allows them too.
 */
export function queryParameters(request: ServiceRequest): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.query)) {
    if (typeof value === "string") parameters[name] = value;
  }
  const contentType = String(request.headers["content-type"] ?? "");
  if (request.body.length > 0 && contentType.startsWith("application/x-www-form-urlencoded")) {
    for (const [name, value] of new URLSearchParams(request.body.toString("utf8"))) parameters[name] = value;
  }
  return parameters;
}

function xmlReply(status: number, document: XmlElement, requestId: string): ServiceResponse {
  return {
    status,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body: buildXml(document),
  };
}

/** `<{Operation}Response><{Operation}Result>…</…Result><ResponseMetadata><RequestId>…` */
export function queryResult(
  operation: string,
  namespace: string,
  result: XmlElement,
  requestId: string,
): ServiceResponse {
  return xmlReply(
    200,
    {
      [`${operation}Response`]: {
        "@_xmlns": namespace,
        [`${operation}Result`]: result,
        ResponseMetadata: { RequestId: requestId },
      },
    },
    requestId,
  );
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`, AWS's query error shape. */
export function queryError(error: ServiceError, namespace: string, requestId: string): ServiceResponse {
  const reply = xmlReply(
    error.status,
    {
      ErrorResponse: {
        "@_xmlns": namespace,
        Error: {
          // Sender: the caller's fault (4xx); Receiver: the service's (5xx).
          Type: error.status >= 500 ? "Receiver" : "Sender",
          Code: error.code,
          Message: error.message,
          ...error.details.fields,
        },
        RequestId: requestId,
      },
    },
    requestId,
  );
  return { ...reply, headers: { ...reply.headers, ...error.details.headers } };
}
