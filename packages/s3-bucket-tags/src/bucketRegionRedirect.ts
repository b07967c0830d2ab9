/**
 * The region S3 names when it answers 301 PermanentRedirect: a bucket outside the client's region
 * (every S3 error of that kind carries the `x-amz-bucket-region` header). Undefined for any other
 * error.
 */
export function redirectRegion(error: unknown): string | undefined {
  const { $metadata, $response } = error as {
    $metadata?: { httpStatusCode?: number };
    $response?: { headers?: Record<string, string | undefined> };
  };
  if ($metadata?.httpStatusCode !== 301) return undefined;
  return $response?.headers?.["x-amz-bucket-region"];
}
