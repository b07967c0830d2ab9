export interface ServiceErrorDetails {
  /** Extra response headers, such as `x-amz-bucket-region` on a redirect. */
  headers?: Record<string, string>;
  /** Extra elements of the error body, such as S3's `<BucketName>`. */
  fields?: Record<string, string>;
  /** True when a fault injected on purpose produced the error, for the request log. */
  injected?: boolean;
}

/**
 * A failure answered in the service's own error shape, with AWS's code and HTTP status. Messages
 * are AWS's where known and never carry a token or a key.
 */
export class ServiceError extends Error {
  override readonly name = "ServiceError";

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: ServiceErrorDetails = {},
  ) {
    super(message);
  }
}
