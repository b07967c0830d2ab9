import { errorText } from "@repo/error-text";
import { ServiceException } from "@smithy/core/client";
import type { MiddlewareStack } from "@smithy/types";

/** An AWS SDK client as the naming middleware needs it: its stack and its service's name. */
interface Client {
  // oxlint-disable-next-line typescript/no-explicit-any -- every client's stack, whatever its input and output types
  middlewareStack: MiddlewareStack<any, any>;
  config: { serviceId: string };
}

// The request each AWS error answered ("S3 Control TagResource"), remembered apart from the error,
// which the SDK and the code that reads its code and status own.
const failedRequests = new WeakMap<object, string>();

/**
 * Has `client` remember, for each AWS error its requests end with (after the SDK's retries), the
 * service and the operation, which the SDK's errors do not say. Returns the client.
 */
export function nameFailedRequests<C extends Client>(client: C): C {
  const service = client.config.serviceId;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (ServiceException.isInstance(error)) {
          failedRequests.set(error, `${service} ${context.commandName?.replace(/Command$/, "") ?? "request"}`);
        }
        throw error;
      }
    },
    { step: "initialize", priority: "high", name: "nameFailedRequests" },
  );
  return client;
}

/** An AWS request that failed: which, after how many attempts, and AWS's answer, kept as the cause. */
export class AwsRequestError extends Error {
  override readonly name = "AwsRequestError";

  constructor(
    readonly request: string,
    readonly attempts: number | undefined,
    cause: Error,
  ) {
    const after = attempts !== undefined && attempts > 1 ? ` after ${attempts} attempts` : "";
    super(`${request} failed${after}: ${errorText(cause)}`, { cause });
  }
}

/**
 * An error as this package's callers get it: an AWS error of a client given `nameFailedRequests`
 * becomes an `AwsRequestError` naming its request and attempts; any other error stays as it is.
 */
export function namedFailure(error: unknown): unknown {
  const request = error instanceof Error ? failedRequests.get(error) : undefined;
  if (request === undefined) return error;
  const { $metadata } = error as { $metadata?: { attempts?: number } };
  return new AwsRequestError(request, $metadata?.attempts, error as Error);
}
