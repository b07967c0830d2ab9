import { ServiceError } from "../http/serviceError";
import type { AuthenticationError, AuthenticationFailure } from "./authenticationError";
import type { SigningDialect } from "./signingDialect";

interface ErrorShape {
  code: string;
  status: number;
  message: string;
}

const S3_ERRORS: Record<AuthenticationFailure, ErrorShape> = {
  MissingAuthentication: { code: "AccessDenied", status: 403, message: "Access Denied" },
  // As S3 answers a SigV4 request without the header.
  MissingContentSha256: {
    code: "InvalidRequest",
    status: 400,
    message: "Missing required header for this request: x-amz-content-sha256",
  },
  MalformedAuthorization: {
    code: "AuthorizationHeaderMalformed",
    status: 400,
    message: "The authorization header is malformed",
  },
  UnknownAccessKey: {
    code: "InvalidAccessKeyId",
    status: 403,
    message: "The AWS Access Key Id you provided does not exist in our records.",
  },
  InvalidSessionToken: {
    code: "InvalidToken",
    status: 400,
    message: "The provided token is malformed or otherwise invalid.",
  },
  WrongSigningService: {
    code: "AuthorizationHeaderMalformed",
    status: 400,
    message: "The authorization header is malformed",
  },
  // S3 names the region it expected; the stand-in's S3 does not check this (its buckets redirect).
  WrongSigningRegion: {
    code: "AuthorizationHeaderMalformed",
    status: 400,
    message: "The authorization header is malformed; the region is wrong",
  },
  // As S3 answers it, with the header names in <HeadersNotSigned>.
  HeadersNotSigned: {
    code: "AccessDenied",
    status: 403,
    message: "There were headers present in the request which were not signed",
  },
  RequestTimeTooSkewed: {
    code: "RequestTimeTooSkewed",
    status: 403,
    message: "The difference between the request time and the current time is too large.",
  },
  ExpiredCredentials: { code: "ExpiredToken", status: 400, message: "The provided token has expired." },
  UnsupportedPayloadSigning: {
    code: "NotImplemented",
    status: 501,
    message: "A header you provided implies functionality that is not implemented",
  },
  PayloadHashMismatch: {
    code: "XAmzContentSHA256Mismatch",
    status: 400,
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  },
  SignatureMismatch: {
    code: "SignatureDoesNotMatch",
    status: 403,
    message:
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  },
};

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

const QUERY_ERRORS: Record<AuthenticationFailure, ErrorShape> = {
  MissingAuthentication: {
    code: "MissingAuthenticationToken",
    status: 403,
    message: "Request is missing Authentication Token",
  },
  // Never raised: outside S3 the header is not required (the body is hashed as received).
  MissingContentSha256: { code: "IncompleteSignature", status: 400, message: "The request signature is malformed" },
  MalformedAuthorization: { code: "IncompleteSignature", status: 400, message: "The request signature is malformed" },
  UnknownAccessKey: {
    code: "InvalidClientTokenId",
    status: 403,
    message: "The security token included in the request is invalid.",
  },
  InvalidSessionToken: {
    code: "InvalidClientTokenId",
    status: 403,
    message: "The security token included in the request is invalid.",
  },
  WrongSigningService: {
    code: "SignatureDoesNotMatch",
    status: 403,
    message: "Credential should be scoped to correct service",
  },
  // STS's words: "Credential should be scoped to a valid region, not 'eu-west-1'. "
  WrongSigningRegion: {
    code: "SignatureDoesNotMatch",
    status: 403,
    message: "Credential should be scoped to a valid region",
  },
  HeadersNotSigned: {
    code: "IncompleteSignature",
    status: 400,
    message: "The request signature does not sign every header it must",
  },
  RequestTimeTooSkewed: { code: "SignatureDoesNotMatch", status: 403, message: "Signature expired" },
  ExpiredCredentials: {
    code: "ExpiredToken",
    status: 403,
    message: "The security token included in the request is expired",
  },
  // Never raised: outside S3 a STREAMING- claim is just a header, and the body is hashed as received.
  UnsupportedPayloadSigning: { code: "SignatureDoesNotMatch", status: 403, message: SIGNATURE_MISMATCH },
  // Never raised: outside S3 the body received is hashed, so a changed body is a signature mismatch.
  PayloadHashMismatch: { code: "SignatureDoesNotMatch", status: 403, message: SIGNATURE_MISMATCH },
  SignatureMismatch: { code: "SignatureDoesNotMatch", status: 403, message: SIGNATURE_MISMATCH },
};

export function authenticationServiceError(error: AuthenticationError, dialect: SigningDialect): ServiceError {
  const shape = (dialect === "s3" ? S3_ERRORS : QUERY_ERRORS)[error.failure];
  const fields: Record<string, string> =
    dialect === "s3" && error.failure === "UnknownAccessKey" && error.accessKeyId
      ? { AWSAccessKeyId: error.accessKeyId }
      : dialect === "s3" && error.failure === "HeadersNotSigned"
        ? { HeadersNotSigned: error.detail }
        : {};
  return new ServiceError(shape.code, shape.status, message(shape, error, dialect), { fields });
}

function message(shape: ErrorShape, error: AuthenticationError, dialect: SigningDialect): string {
  switch (error.failure) {
    case "MalformedAuthorization":
    case "WrongSigningService":
      return `${shape.message}: ${error.detail}`;
    case "WrongSigningRegion":
      return dialect === "query" ? `${shape.message}, not '${error.detail}'. ` : `${shape.message}: '${error.detail}'`;
    case "HeadersNotSigned":
      return dialect === "query" ? `${shape.message}: ${error.detail}` : shape.message;
    default:
      return shape.message;
  }
}
