import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { ALGORITHM_IDENTIFIER, createScope, getCanonicalHeaders, SignatureV4 } from "@smithy/signature-v4";
import type { ServiceRequest } from "../http/serviceTypes";
import type { ParsedAuthorization } from "./parseAuthorization";

export interface SignatureInput {
  request: ServiceRequest;
  /** The values of the headers the request says it signed, by lower-case name. */
  signedHeaders: Record<string, string>;
  authorization: ParsedAuthorization;
  secretAccessKey: string;
  signingDate: Date;
  /** The last line of the canonical request, as the service takes it (see `payloadHash`). */
  payloadHash: string;
  /** SigV4 URI-encodes the path again for every service but S3. */
  escapePath: boolean;
}

/**
 * The SDK's own signer (`@smithy/signature-v4`), verifying rather than signing: its `sign(request)`
 * takes the payload hash from the request's x-amz-content-sha256, as only S3 does, so this builds
 * the canonical request with the signer's own steps over the payload hash the service chose.
 */
class VerifyingSigner extends SignatureV4 {
  async signatureOf(input: SignatureInput): Promise<string> {
    const { request, authorization, signingDate } = input;
    const signable = new HttpRequest({
      method: request.method,
      path: request.rawPath,
      query: request.query,
      headers: input.signedHeaders,
    });
    const canonicalHeaders = getCanonicalHeaders(signable, undefined, new Set(authorization.signedHeaders));
    const canonicalRequest = this.createCanonicalRequest(signable, canonicalHeaders, input.payloadHash);
    const { longDate, shortDate } = this.formatDate(signingDate);
    const scope = createScope(shortDate, authorization.region, authorization.service);
    const stringToSign = await this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER);
    return this.sign(stringToSign, {
      signingDate,
      signingRegion: authorization.region,
      signingService: authorization.service,
    });
  }
}

/** The signature the AWS SDK computes for this request with these credentials, over the headers, scope and date it names. */
export async function expectedSignature(input: SignatureInput): Promise<string> {
  const { authorization } = input;
  const signer = new VerifyingSigner({
    credentials: { accessKeyId: authorization.accessKeyId, secretAccessKey: input.secretAccessKey },
    region: authorization.region,
    service: authorization.service,
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: input.escapePath,
  });
  return signer.signatureOf(input);
}
