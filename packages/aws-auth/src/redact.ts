const REDACTED = "[redacted ID token]";

/**
 * Removes a secret from an error and its causes, in place. AWS does not echo the web identity
 * token, but a proxy or an emulator may; the error is kept as a cause and printed whole by
 * Airplane's runtime (`console.error(err)`), so it must not carry the token either.
 */
export function redactSecret(error: unknown, secret: string): void {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current.message.includes(secret)) current.message = current.message.replaceAll(secret, REDACTED);
    if (current.stack?.includes(secret)) current.stack = current.stack.replaceAll(secret, REDACTED);
  }
}
