import { formatSubject } from "@repo/oidc-issuers";
import type { OidcIssuer } from "../oidc/oidcIssuer";
import type { AirplaneRun } from "./airplaneRun";

/** The claims Airplane's ID tokens carry besides `iss`, `aud`, `sub`, `iat` and `exp` (platform-facts). */
export const AIRPLANE_CLAIMS = [
  "run_id",
  "parent_run_id",
  "task_id",
  "task_slug",
  "team_id",
  "env_id",
  "env_slug",
  "runner_id",
  "runner_email",
  "requester_id",
  "requester_email",
  "trigger_id",
] as const;

export interface IssuedIdToken {
  token: string;
  sub: string;
}

/** An ID token for a run, as Airplane's token API issues it: the run's claims, the audience asked for. */
export async function airplaneIdToken(
  issuer: OidcIssuer,
  run: AirplaneRun,
  audience: string,
  now: Date,
): Promise<IssuedIdToken> {
  const sub = formatSubject({ team: run.teamId, env: run.envSlug, task: run.taskSlug });
  const claims = {
    run_id: run.runId,
    ...(run.parentRunId ? { parent_run_id: run.parentRunId } : {}),
    task_id: run.taskId,
    task_slug: run.taskSlug,
    team_id: run.teamId,
    env_id: run.envId,
    env_slug: run.envSlug,
    runner_id: run.runnerId,
    runner_email: run.runnerEmail,
    requester_id: run.requesterId,
    requester_email: run.requesterEmail,
    trigger_id: run.triggerId,
  };
  const token = await issuer.sign({ claims, subject: sub, audience, now, overrides: run.idToken });
  return { token, sub };
}
