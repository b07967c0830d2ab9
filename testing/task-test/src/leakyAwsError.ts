import { inspect } from "node:util";

/** A session token no output may contain. */
export const SESSION_TOKEN_CANARY = "CANARY-SESSION-TOKEN-IN-A-HIDDEN-HEADER-7c1d";

/**
 * An error shaped as the AWS SDK throws it: its `$response` body links to the request, whose raw
 * headers (`req._header`) carry the session token, as a real one's do.
 */
export function leakyAwsError(name = "AccessDenied", message = "Access Denied"): Error {
  const request = { _header: `POST / HTTP/1.1\r\nx-amz-security-token: ${SESSION_TOKEN_CANARY}\r\n\r\n` };
  return Object.assign(new Error(message), {
    name,
    $fault: "client",
    $metadata: { httpStatusCode: 403, requestId: "REQ-1" },
    $response: { statusCode: 403, headers: {}, body: { req: request } },
  });
}

/** Whether the canary shows anywhere in the value, however deeply it is inspected. */
export function leaksSessionToken(value: unknown): boolean {
  return inspect(value, { showHidden: true, depth: null, getters: true }).includes(SESSION_TOKEN_CANARY);
}
