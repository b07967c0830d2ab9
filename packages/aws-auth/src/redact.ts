const REDACTED = "[redacted ID token]";
// Any JWT: base64url of a JSON header (so it starts with "eyJ"), a payload and a signature.
const JWT = /eyJ[\w-]*\.[\w-]+\.[\w-]+/g;

/**
 * Removes every ID token from an error and its causes, in place. AWS does not echo the web
 * identity token, but a proxy or an emulator may; the error is kept as a cause and printed whole
 * by Airplane's runtime (`console.error(err)`), so it must not carry a token either.
 */
export function redactIdTokens(error: unknown): void {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    current.message = current.message.replace(JWT, REDACTED);
    if (current.stack) current.stack = current.stack.replace(JWT, REDACTED);
  }
}
