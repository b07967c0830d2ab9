import type { ServiceRequest } from "../http/serviceTypes";
import type { SigningDialect } from "./signingDialect";

/**
 * The headers the request carries but its signature leaves out, among those AWS requires signed:
 * `host` always, and the session token when sent (every service); for S3, also `Content-Type` when
 * present and every `x-amz-*` header (AWS's S3 SigV4 reference), so none can be added after signing.
 */
export function unsignedHeaders(request: ServiceRequest, signed: readonly string[], dialect: SigningDialect): string[] {
  // Node gives header names in lower case.
  const mustSign = Object.keys(request.headers).filter(
    (name) =>
      name === "host" ||
      name === "x-amz-security-token" ||
      (dialect === "s3" && (name === "content-type" || name.startsWith("x-amz-"))),
  );
  return mustSign.filter((name) => !signed.includes(name));
}
