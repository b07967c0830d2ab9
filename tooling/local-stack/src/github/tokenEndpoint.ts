import type { ResolvedGithub } from "../config/resolvedConfig";
import { jsonResponse } from "../http/jsonResponse";
import { ServiceError } from "../http/serviceError";
import type { OperationContext, ServiceResponse } from "../http/serviceTypes";
import type { OidcIssuer } from "../oidc/oidcIssuer";
import type { TokenRegistry } from "../state/tokenRegistry";
import { defaultAudience, githubIdToken } from "./githubIdToken";
import type { GithubJob } from "./githubJob";

export interface TokenEndpointDependencies {
  jobs: TokenRegistry<GithubJob>;
  issuer: OidcIssuer;
  github: () => ResolvedGithub;
  now: () => Date;
}

/** The path of a job's ID token URL, as the runner service serves it (ACTIONS_ID_TOKEN_REQUEST_URL). */
export function idTokenPath(job: Pick<GithubJob, "planId" | "jobId">): string {
  return `/_apis/distributedtask/hubs/Actions/plans/${job.planId}/jobs/${job.jobId}/idtoken`;
}

export const ID_TOKEN_PATH = /^\/_apis\/distributedtask\/hubs\/Actions\/plans\/[^/]+\/jobs\/[^/]+\/idtoken$/;

const unauthorized = (why: string) => new ServiceError("Unauthorized", 401, why);

function bearerToken(context: OperationContext): string {
  const header = context.request.headers.authorization;
  const match = /^Bearer (\S+)$/.exec(header ?? "");
  if (!match?.[1]) {
    throw unauthorized(
      "The request has no bearer token: send ACTIONS_ID_TOKEN_REQUEST_TOKEN as 'Authorization: Bearer …' " +
        "(a job gets it with permissions: id-token: write).",
    );
  }
  return match[1];
}

function requestedAudience(context: OperationContext, github: ResolvedGithub): string {
  const audience = context.request.query.audience;
  if (Array.isArray(audience)) throw new ServiceError("BadRequest", 400, "Give one audience, not several.");
  return audience === undefined || audience === "" ? defaultAudience(github) : audience;
}

/**
 * `GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=<aud>` with `Authorization: Bearer
 * <ACTIONS_ID_TOKEN_REQUEST_TOKEN>`, as `@actions/core`'s getIDToken calls it: `{"value": "<jwt>"}`.
 * A missing, unknown or other job's bearer token is a 401 (`@actions/http-client` does not retry it).
 */
export async function getIdToken(
  context: OperationContext,
  { jobs, issuer, github, now }: TokenEndpointDependencies,
): Promise<ServiceResponse> {
  const job = jobs.find(bearerToken(context));
  if (!job) throw unauthorized("The bearer token belongs to no job of this host, or has expired.");
  if (context.request.rawPath !== idTokenPath(job)) {
    throw unauthorized("The bearer token is not valid for this job: use the job's own ACTIONS_ID_TOKEN_REQUEST_URL.");
  }
  const audience = requestedAudience(context, github());
  const issued = await githubIdToken(issuer, job, github(), audience, now());
  context.annotate({ sub: issued.sub, audience });
  return jsonResponse(200, { value: issued.token });
}
