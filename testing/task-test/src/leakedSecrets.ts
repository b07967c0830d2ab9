import type { LocalStack } from "@repo/local-stack";

/**
 * Which of the secrets the stand-in issued (AIRPLANE_TOKENs, ACTIONS_ID_TOKEN_REQUEST_TOKENs, the
 * ID tokens of both issuers, secret keys, session tokens) appear in the given outputs, described
 * without repeating them: an empty list is the only good answer.
 */
export function leakedSecrets(stack: LocalStack, outputs: string[]): string[] {
  const text = outputs.join("\n");
  return stack
    .issuedSecrets()
    .filter((secret) => secret.length >= 16 && text.includes(secret))
    .map((secret) => `a secret starting ${secret.slice(0, 4)}… (${secret.length} characters)`);
}
