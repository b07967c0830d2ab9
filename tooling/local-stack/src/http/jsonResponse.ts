import type { ServiceResponse } from "./serviceTypes";

/** A JSON reply, as Airplane's API and GitHub's services answer. */
export function jsonResponse(status: number, body: object, headers: Record<string, string> = {}): ServiceResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}
