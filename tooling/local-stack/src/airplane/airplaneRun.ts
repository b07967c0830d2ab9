import type { IdTokenOverrides } from "../oidc/idTokenOverrides";

/** What the stand-in knows of one run: everything an ID token for it says. */
export interface AirplaneRun {
  runId: string;
  parentRunId?: string;
  taskId: string;
  taskSlug: string;
  taskName: string;
  teamId: string;
  envId: string;
  envSlug: string;
  envName: string;
  runnerId: string;
  runnerEmail: string;
  requesterId: string;
  requesterEmail: string;
  triggerId: string;
  idToken: IdTokenOverrides;
}
