import { jsonResponse } from "../http/jsonResponse";
import { ServiceError } from "../http/serviceError";
import type { OperationContext, ServiceResponse } from "../http/serviceTypes";
import type { OidcIssuer } from "../oidc/oidcIssuer";
import { airplaneIdToken } from "./airplaneIdToken";
import type { TokenRegistry } from "../state/tokenRegistry";
import type { AirplaneRun } from "./airplaneRun";

export interface TokenApiDependencies {
  runs: TokenRegistry<AirplaneRun>;
  issuer: OidcIssuer;
  now: () => Date;
}

function readAudience(body: Buffer): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new ServiceError("BadRequest", 400, "The request body is not JSON.");
  }
  const audience = (parsed as { audience?: unknown } | null)?.audience;
  if (typeof audience !== "string" || audience === "") {
    throw new ServiceError("BadRequest", 400, 'The request body needs {"audience": "<audience>"}.');
  }
  return audience;
}

/**
 * `POST /v0/oidc/generateIDToken`, as the `airplane` SDK calls it: the run's AIRPLANE_TOKEN in
 * `X-Airplane-Token`, `{"audience"}` in, `{"token"}` out. An unknown token gets a 401, which the
 * SDK does not retry.
 */
export async function generateIdToken(
  context: OperationContext,
  { runs, issuer, now }: TokenApiDependencies,
): Promise<ServiceResponse> {
  const header = context.request.headers["x-airplane-token"];
  const airplaneToken = Array.isArray(header) ? header[0] : header;
  if (!airplaneToken) {
    throw new ServiceError("Unauthorized", 401, "Missing X-Airplane-Token header: set AIRPLANE_TOKEN for the run.");
  }
  const run = runs.find(airplaneToken);
  if (!run) {
    throw new ServiceError(
      "Unauthorized",
      401,
      "Invalid or expired AIRPLANE_TOKEN: it belongs to no run of this host.",
    );
  }
  const audience = readAudience(context.request.body);
  const issued = await airplaneIdToken(issuer, run, audience, now());
  context.annotate({ sub: issued.sub, audience });
  return jsonResponse(200, { token: issued.token });
}
