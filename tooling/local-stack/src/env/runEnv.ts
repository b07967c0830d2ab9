import { createHash } from "node:crypto";
import type { AirplaneRun } from "../airplane/airplaneRun";
import type { IdTokenOverrides } from "../oidc/idTokenOverrides";
import { newAirplaneId } from "../state/randomText";

export interface RunOptions {
  /** The task's slug: the `task` of the ID token's subject. */
  taskSlug: string;
  taskName?: string;
  /** Default: the config's `airplane.envSlug`. */
  envSlug?: string;
  /** Default: the config's `airplane.teamId`. */
  teamId?: string;
  /** The role put in AWS_ROLE_ARN. Default: the task slug. */
  roleName?: string;
  parentRunId?: string;
  runner?: { id?: string; email?: string };
  requester?: { id?: string; email?: string };
  /** Overrides for this run's ID tokens (another issuer or audience, an expired token…). */
  idToken?: IdTokenOverrides;
}

// Team, env and task IDs are the same for the same names across runs and starts, as in Airplane.
function stableId(kind: string, seed: string): string {
  const digest = createHash("sha256").update(seed).digest();
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return `${kind}20010101${Array.from(digest.subarray(0, 10), (byte) => alphabet[byte % 36]).join("")}`;
}

/** A new run: its IDs, and the people and trigger behind it. */
export function newRun(options: RunOptions, defaults: { teamId: string; envSlug: string }): AirplaneRun {
  const teamId = options.teamId ?? defaults.teamId;
  const envSlug = options.envSlug ?? defaults.envSlug;
  const runnerId = options.runner?.id ?? stableId("usr", `${teamId}:runner`);
  return {
    runId: newAirplaneId("run"),
    ...(options.parentRunId ? { parentRunId: options.parentRunId } : {}),
    taskId: stableId("tsk", `${teamId}:${options.taskSlug}`),
    taskSlug: options.taskSlug,
    taskName: options.taskName ?? options.taskSlug,
    teamId,
    envId: stableId("env", `${teamId}:${envSlug}`),
    envSlug,
    envName: envSlug,
    runnerId,
    runnerEmail: options.runner?.email ?? "runner@example.com",
    requesterId: options.requester?.id ?? runnerId,
    requesterEmail: options.requester?.email ?? options.runner?.email ?? "runner@example.com",
    triggerId: newAirplaneId("trg"),
    idToken: { ...options.idToken },
  };
}

/** The variables Airplane sets for a run (see platform-facts), with the run's own AIRPLANE_TOKEN. */
export function airplaneRunEnvironment(
  run: AirplaneRun,
  apiHost: string,
  airplaneToken: string,
): Record<string, string> {
  return {
    AIRPLANE_API_HOST: apiHost,
    AIRPLANE_TOKEN: airplaneToken,
    AIRPLANE_RUNTIME: "standard",
    AIRPLANE_RUN_ID: run.runId,
    ...(run.parentRunId ? { AIRPLANE_PARENT_RUN_ID: run.parentRunId } : {}),
    AIRPLANE_TASK_ID: run.taskId,
    AIRPLANE_TASK_SLUG: run.taskSlug,
    AIRPLANE_TASK_NAME: run.taskName,
    AIRPLANE_TEAM_ID: run.teamId,
    AIRPLANE_ENV_ID: run.envId,
    AIRPLANE_ENV_SLUG: run.envSlug,
    AIRPLANE_ENV_NAME: run.envName,
    AIRPLANE_RUNNER_ID: run.runnerId,
    AIRPLANE_RUNNER_EMAIL: run.runnerEmail,
    AIRPLANE_REQUESTER_ID: run.requesterId,
    AIRPLANE_REQUESTER_EMAIL: run.requesterEmail,
  };
}
