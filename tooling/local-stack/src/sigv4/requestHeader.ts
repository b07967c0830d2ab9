import type { ServiceRequest } from "../http/serviceTypes";

/** A header's value as one string (a repeated header's values joined by commas, as SigV4 joins them). */
export function requestHeader(request: ServiceRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}
