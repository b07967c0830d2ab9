import type { Logger } from "@smithy/types";

const REDACTED = "[redacted by aws-auth]";

// The SDK logs each command's output; its filter for STS hides SecretAccessKey but not SessionToken
// (a test caught the session token in logger.info), so the credentials of an answer go entirely.
function withoutCredentials(entry: unknown): unknown {
  const output = (entry as { output?: { Credentials?: unknown } } | null)?.output;
  if (!output?.Credentials) return entry;
  return { ...(entry as object), output: { ...output, Credentials: REDACTED } };
}

/** The caller's logger for an STS client: the same messages, with no credentials in them. */
export function credentialFreeLogger(logger: Logger): Logger {
  const forward =
    (level: keyof Logger) =>
    (...entries: unknown[]) =>
      logger[level]?.(...entries.map(withoutCredentials));
  return { debug: forward("debug"), info: forward("info"), warn: forward("warn"), error: forward("error") };
}
