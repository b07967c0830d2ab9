import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { ServiceRequest } from "../http/serviceTypes";
import { type ParsedAuthorization, parseAuthorization } from "./parseAuthorization";

export interface SignatureInput {
  request: ServiceRequest;
  /** The values of the headers the request says it signed, by lower-case name. */
  signedHeaders: Record<string, string>;
  authorization: ParsedAuthorization;
  secretAccessKey: string;
  sessionToken: string;
  signingDate: Date;
  /** SigV4 URI-encodes the path again for every service but S3. */
  escapePath: boolean;
}

/**
 * The signature the AWS SDK would compute for this request with these credentials, computed by
 * the SDK's own signer (`@smithy/signature-v4`, `@smithy/hash-node`) rather than by hand, over
 * exactly the headers, scope and date the request names.
 */
export async function expectedSignature(input: SignatureInput): Promise<string> {
  const { request, authorization } = input;
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: authorization.accessKeyId,
      secretAccessKey: input.secretAccessKey,
      // The signer adds the token as a header whenever it has one: only when the request signed it.
      ...(authorization.signedHeaders.includes("x-amz-security-token") ? { sessionToken: input.sessionToken } : {}),
    },
    region: authorization.region,
    service: authorization.service,
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: input.escapePath,
    // The request's own x-amz-content-sha256, if it signed one, is among its headers already.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: "http:",
      hostname: "",
      path: request.rawPath,
      query: request.query,
      headers: input.signedHeaders,
      body: request.body,
    }),
    { signingDate: input.signingDate, signableHeaders: new Set(authorization.signedHeaders) },
  );
  return parseAuthorization(String(signed.headers.authorization))?.signature ?? "";
}
