/**
 * Whose SigV4 rules a service follows. `s3` (S3 and S3 Control): x-amz-content-sha256 on every request,
 * its value the payload hash (`UNSIGNED-PAYLOAD` allowed), Content-Type and every x-amz-* header signed,
 * S3's error codes. `query` (STS, IAM, Organizations): the payload hash is the hash of the body received,
 * whatever a header claims, and failures carry the query services' codes.
 */
export type SigningDialect = "s3" | "query";
