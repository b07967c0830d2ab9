import { ServiceError } from "../http/serviceError";
import { awsServiceSigning } from "./awsServiceSigning";
import type {
  Operation,
  OperationContext,
  ServiceProtocol,
  ServiceRequest,
  ServiceResponse,
} from "../http/serviceTypes";
import type { ServiceName } from "../serviceName";

export interface JsonAction {
  /** The operation's output, sent as the JSON body. */
  run: (input: Record<string, unknown>, context: OperationContext) => Promise<object> | object;
}

export interface JsonServiceDefinition {
  service: ServiceName;
  signingName: string;
  /** The prefix of `X-Amz-Target`, such as `AWSOrganizationsV20161128`. */
  targetPrefix: string;
  internalErrorCode: string;
  actions: Record<string, JsonAction>;
  regions?: readonly string[];
}

const CONTENT_TYPE = "application/x-amz-json-1.1";

function reply(status: number, body: object, requestId: string): ServiceResponse {
  return {
    status,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId },
    body: JSON.stringify(body),
  };
}

/**
 * A service in AWS's JSON 1.1 protocol (Organizations): `POST /` with `X-Amz-Target:
 * <prefix>.<Operation>` and a JSON body; errors as `{"__type", "Message"}` with the code in
 * `x-amzn-ErrorType` too. Every operation is signed.
 */
export function jsonService(definition: JsonServiceDefinition): ServiceProtocol {
  return {
    service: definition.service,
    signing: awsServiceSigning(definition.signingName, definition.regions),
    internalErrorCode: definition.internalErrorCode,
    resolve(request: ServiceRequest): Operation {
      const target = request.headers["x-amz-target"];
      const [prefix, name = ""] = typeof target === "string" ? target.split(".") : [];
      const action = prefix === definition.targetPrefix ? definition.actions[name] : undefined;
      if (request.method !== "POST" || !action) {
        throw new ServiceError(
          "UnknownOperationException",
          400,
          `local-stack's ${definition.service} serves ${Object.keys(definition.actions).join(", ")}, not ${String(target)}.`,
        );
      }
      return {
        name,
        signed: true,
        handle: async (context) => reply(200, await action.run(jsonInput(request.body), context), request.requestId),
      };
    },
    errorResponse: (error, request) => {
      const response = reply(error.status, { __type: error.code, Message: error.message }, request.requestId);
      return {
        ...response,
        headers: { ...response.headers, "x-amzn-errortype": error.code, ...error.details.headers },
      };
    },
  };
}

function jsonInput(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const input: unknown = JSON.parse(body.toString("utf8"));
    if (typeof input === "object" && input !== null && !Array.isArray(input)) return input as Record<string, unknown>;
  } catch {
    // answered below, as AWS answers a body that is not a JSON object
  }
  throw new ServiceError("SerializationException", 400, "The request body is not a JSON object.");
}
