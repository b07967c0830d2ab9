export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected so tests can pin the jitter. */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 5000 };

/**
 * Capped exponential backoff with full jitter: attempt n waits a random time below
 * min(maxDelayMs, baseDelayMs * 2^(n-1)), so many runs failing at once do not retry in step.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

/**
 * Runs `operation` until it succeeds, fails with an error `isRetryable` refuses, or runs out of
 * attempts; the last error is thrown as it is. `operation` learns the attempt number and the
 * previous error, so it can decide to start over (for example with a fresh token).
 */
export async function retry<T>(
  operation: (attempt: number, previousError: unknown) => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let previousError: unknown;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt, previousError);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !isRetryable(error)) throw error;
      previousError = error;
      await sleep(backoffDelayMs(attempt, policy));
    }
  }
}
