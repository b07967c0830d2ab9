import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { ServiceError } from "../http/serviceError";
import type { ServiceRequest } from "../http/serviceTypes";

interface Checksum {
  header: string;
  name: string;
  compute?: (body: Buffer) => string;
}

// The SDK's flexible checksums send one of these, CRC32 by default; Content-MD5 is the older way.
// Node has no CRC32C or CRC64NVME, so those are accepted without being recomputed.
const CHECKSUMS: readonly Checksum[] = [
  {
    header: "x-amz-checksum-crc32",
    name: "CRC32",
    compute: (body) => {
      const digest = Buffer.alloc(4);
      digest.writeUInt32BE(crc32(body));
      return digest.toString("base64");
    },
  },
  { header: "x-amz-checksum-crc32c", name: "CRC32C" },
  { header: "x-amz-checksum-crc64nvme", name: "CRC64NVME" },
  { header: "x-amz-checksum-sha1", name: "SHA1", compute: (body) => createHash("sha1").update(body).digest("base64") },
  {
    header: "x-amz-checksum-sha256",
    name: "SHA256",
    compute: (body) => createHash("sha256").update(body).digest("base64"),
  },
  { header: "content-md5", name: "Content-MD5", compute: (body) => createHash("md5").update(body).digest("base64") },
];

/**
 * S3 requires an integrity checksum on some writes (PutBucketTagging among them) and checks the one
 * sent against the body: `InvalidRequest` when there is none, `BadDigest` when it does not match.
 */
export function verifyRequiredChecksum(request: ServiceRequest, operationTitle: string): void {
  const present = CHECKSUMS.filter((checksum) => request.headers[checksum.header] !== undefined);
  if (present.length === 0) {
    throw new ServiceError(
      "InvalidRequest",
      400,
      `Content-MD5 OR x-amz-checksum- HTTP header is required for ${operationTitle} requests.`,
    );
  }
  for (const checksum of present) {
    if (!checksum.compute) continue;
    if (request.headers[checksum.header] !== checksum.compute(request.body)) {
      const message =
        checksum.name === "Content-MD5"
          ? "The Content-MD5 you specified did not match what we received."
          : `The ${checksum.name} you specified did not match the calculated checksum.`;
      throw new ServiceError("BadDigest", 400, message);
    }
  }
}
