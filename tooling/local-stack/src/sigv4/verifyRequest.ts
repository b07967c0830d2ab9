import { timingSafeEqual } from "node:crypto";
import type { ServiceRequest } from "../http/serviceTypes";
import type { Session, SessionStore } from "../state/sessionStore";
import { AuthenticationError } from "./authenticationError";
import { expectedSignature } from "./expectedSignature";
import { parseAuthorization } from "./parseAuthorization";
import { payloadHash } from "./payloadHash";
import { requestHeader as header } from "./requestHeader";
import type { SigningDialect } from "./signingDialect";
import { unsignedHeaders } from "./unsignedHeaders";

export interface VerifyOptions {
  sessions: SessionStore;
  /** The service name the credential scope must carry: `sts`, `iam` or `s3` (S3 Control signs as s3). */
  signingName: string;
  /** SigV4 URI-encodes the path again for every service but S3. */
  escapePath: boolean;
  /** S3's rules (x-amz-content-sha256, every x-amz-* header signed) or the other services'. */
  dialect: SigningDialect;
  /** The regions the endpoint serves; the credential scope must name one. Any when absent. */
  regions?: readonly string[];
  now: Date;
}

export interface VerifiedRequest {
  session: Session;
  /** The region of the credential scope. */
  region: string;
}

// AWS refuses a request signed more than 15 minutes away from its own clock.
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

// x-amz-date is ISO 8601 basic format, 20260101T120000Z.
function parseAmzDate(value: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  if (!match) return undefined;
  const [, year, month, day, hours, minutes, seconds] = match;
  return new Date(`${year}-${month}-${day}T${hours}:${minutes}:${seconds}Z`);
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Authenticates a SigV4-signed request against the credentials STS issued, in the order AWS
 * checks: the key exists and comes with its session token, the scope names this service (and a
 * region the endpoint serves), every header that must be signed is (`unsignedHeaders`), the request
 * is no more than 15 minutes old, the credentials have not expired, the payload hash is the
 * service's (`payloadHash`: S3 requires x-amz-content-sha256), and the signature is the one the
 * SDK's own signer computes over it (`expectedSignature`).
 */
export async function verifyRequest(request: ServiceRequest, options: VerifyOptions): Promise<VerifiedRequest> {
  const authorization = header(request, "authorization");
  if (!authorization) {
    throw new AuthenticationError(
      "MissingAuthentication",
      typeof request.query["X-Amz-Signature"] === "string"
        ? "presigned URLs are not supported by local-stack; sign with the Authorization header"
        : "the request has no Authorization header",
    );
  }
  const parsed = parseAuthorization(authorization);
  if (!parsed) {
    throw new AuthenticationError("MalformedAuthorization", "the Authorization header is not a SigV4 header");
  }
  const { accessKeyId } = parsed;
  const session = options.sessions.find(accessKeyId);
  if (!session) throw new AuthenticationError("UnknownAccessKey", "unknown access key", accessKeyId);
  if (header(request, "x-amz-security-token") !== session.sessionToken) {
    throw new AuthenticationError("InvalidSessionToken", "missing or wrong session token", accessKeyId);
  }
  if (parsed.service !== options.signingName) {
    throw new AuthenticationError(
      "WrongSigningService",
      `the credential is scoped to '${parsed.service}', expected '${options.signingName}'`,
      accessKeyId,
    );
  }
  if (options.regions && !options.regions.includes(parsed.region)) {
    throw new AuthenticationError("WrongSigningRegion", parsed.region, accessKeyId);
  }
  const unsigned = unsignedHeaders(request, parsed.signedHeaders, options.dialect);
  if (unsigned.length > 0) throw new AuthenticationError("HeadersNotSigned", unsigned.join(", "), accessKeyId);
  const signingDate = parseAmzDate(header(request, "x-amz-date"));
  if (!signingDate || !parsed.signedHeaders.includes("x-amz-date")) {
    throw new AuthenticationError(
      "MalformedAuthorization",
      "x-amz-date is missing, unsigned or malformed",
      accessKeyId,
    );
  }
  if (signingDate.toISOString().slice(0, 10).replaceAll("-", "") !== parsed.date) {
    throw new AuthenticationError(
      "MalformedAuthorization",
      "the credential scope date is not x-amz-date's",
      accessKeyId,
    );
  }
  if (Math.abs(options.now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw new AuthenticationError("RequestTimeTooSkewed", "signed more than 15 minutes from now", accessKeyId);
  }
  if (options.now.getTime() >= session.expiration.getTime()) {
    throw new AuthenticationError("ExpiredCredentials", "the credentials have expired", accessKeyId);
  }
  const hashedPayload = payloadHash(request, options.dialect, accessKeyId);

  const signedHeaders: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = header(request, name);
    if (value === undefined) {
      throw new AuthenticationError("SignatureMismatch", `signed header ${name} is missing`, accessKeyId);
    }
    signedHeaders[name] = value;
  }
  const expected = await expectedSignature({
    request,
    signedHeaders,
    authorization: parsed,
    secretAccessKey: session.secretAccessKey,
    signingDate,
    payloadHash: hashedPayload,
    escapePath: options.escapePath,
  });
  if (!sameSignature(expected, parsed.signature)) {
    throw new AuthenticationError("SignatureMismatch", "the signature does not match", accessKeyId);
  }
  return { session, region: parsed.region };
}
