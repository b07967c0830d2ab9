import { createHash } from "node:crypto";
import type { ServiceRequest } from "../http/serviceTypes";
import { AuthenticationError } from "./authenticationError";
import { requestHeader } from "./requestHeader";
import type { SigningDialect } from "./signingDialect";

const CONTENT_SHA256 = "x-amz-content-sha256";
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

const sha256Hex = (body: Buffer) => createHash("sha256").update(body).digest("hex");

/**
 * The payload hash of the canonical request, as AWS takes it. S3 takes the x-amz-content-sha256
 * header (required; `UNSIGNED-PAYLOAD` leaves the body out, any other value must be the body's
 * hash). Every other service hashes the body it received, whatever a header claims: a body changed
 * after signing, or signed as `UNSIGNED-PAYLOAD`, no longer matches the signature.
 */
export function payloadHash(request: ServiceRequest, dialect: SigningDialect, accessKeyId: string): string {
  if (dialect === "query") return sha256Hex(request.body);
  const claimed = requestHeader(request, CONTENT_SHA256);
  if (claimed === undefined) {
    throw new AuthenticationError("MissingContentSha256", `${CONTENT_SHA256} is missing`, accessKeyId);
  }
  if (claimed === UNSIGNED_PAYLOAD) return claimed;
  if (claimed.startsWith("STREAMING-")) {
    throw new AuthenticationError(
      "UnsupportedPayloadSigning",
      "chunked (streaming) signing is not supported",
      accessKeyId,
    );
  }
  if (claimed !== sha256Hex(request.body)) {
    throw new AuthenticationError("PayloadHashMismatch", `${CONTENT_SHA256} is not the body's hash`, accessKeyId);
  }
  return claimed;
}
