// What an error may keep of AWS's request metadata: ids and counts, which support asks for.
const METADATA = ["httpStatusCode", "requestId", "extendedRequestId", "cfId", "attempts", "totalRetryDelay"] as const;
const MAX_DEPTH = 10;

type Fields = Record<string, unknown>;

function safeMetadata(metadata: unknown): Fields {
  const source = (metadata ?? {}) as Fields;
  return Object.fromEntries(METADATA.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

const isPrimitive = (value: unknown) => value === null || (typeof value !== "object" && typeof value !== "function");

/**
 * A copy of an error that is safe to print however deeply: its class, message, stack and AWS error
 * code (`name`, `Code`, `$fault`, `$metadata`'s ids) are kept, with its `cause` and `errors` cleaned
 * the same way; every object that is not an error goes. An AWS SDK error carries the HTTP response
 * (`$response`), whose body stream links to the request and its raw headers, session token
 * included (`$response.body.req._header`): `console.error` does not show it, but
 * `util.inspect(err, { showHidden: true })`, `util.format("%o", err)` and error trackers do.
 */
export function secretFreeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > MAX_DEPTH) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  // V8 makes `stack` an accessor of its own; it is a string, kept as one.
  Object.defineProperty(copy, "stack", { value: error.stack, writable: true, configurable: true, enumerable: false });
  for (const key of Object.getOwnPropertyNames(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (key === "stack" || !descriptor || !("value" in descriptor)) continue; // another getter may reach anything
    const value: unknown = descriptor.value;
    let kept: unknown;
    if (key === "cause") kept = secretFreeError(value, depth + 1);
    else if (key === "errors" && Array.isArray(value)) kept = value.map((item) => secretFreeError(item, depth + 1));
    else if (key === "$metadata") kept = safeMetadata(value);
    else if (key.startsWith("$response"))
      continue; // the response, and its raw body text
    else if (isPrimitive(value)) kept = value;
    else continue;
    Object.defineProperty(copy, key, { ...descriptor, value: kept });
  }
  return copy;
}

/**
 * A task's handler whose errors leave it as `secretFreeError`s: the task boundary, where Airplane's
 * runtime (or `npm run task`) prints what it throws.
 */
export function withSecretFreeErrors<Args extends unknown[], Result>(
  handler: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      throw secretFreeError(error);
    }
  };
}
