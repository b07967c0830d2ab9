import type { Tag } from "@aws-sdk/client-sts";

// STS's rules for session tags: keys up to 128 characters, values up to 256, both of letters,
// digits, spaces and _ . : / = + - @. Run values are sanitized to fit, never rejected.
const DISALLOWED = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;
const MAX_VALUE_LENGTH = 256;

/** The tags every chained session carries, named as a member account's policies would use them. */
export const SESSION_TAG_KEYS = {
  runId: "AirplaneRunId",
  task: "AirplaneTask",
  env: "AirplaneEnv",
  requester: "AirplaneRequester",
} as const;

/**
 * Session tags describing the Airplane run: a member account's CloudTrail shows them, and its
 * policies can use them in conditions (`aws:PrincipalTag/AirplaneTask`). Variables a run lacks
 * (`airplane dev` sets no requester) give no tag.
 */
export function sessionTagsForRun(env: NodeJS.ProcessEnv): Tag[] {
  const values: Array<[string, string | undefined]> = [
    [SESSION_TAG_KEYS.runId, env.AIRPLANE_RUN_ID],
    [SESSION_TAG_KEYS.task, env.AIRPLANE_TASK_SLUG],
    [SESSION_TAG_KEYS.env, env.AIRPLANE_ENV_SLUG],
    [SESSION_TAG_KEYS.requester, env.AIRPLANE_REQUESTER_EMAIL || env.AIRPLANE_REQUESTER_ID],
  ];
  return values
    .map(([Key, value]) => ({ Key, Value: (value ?? "").replace(DISALLOWED, "_").slice(0, MAX_VALUE_LENGTH) }))
    .filter((tag) => tag.Value !== "");
}
