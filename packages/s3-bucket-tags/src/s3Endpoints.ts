/**
 * Where S3 and S3 Control are reached, from the variables the AWS SDK reads (`AWS_ENDPOINT_URL_S3`,
 * `AWS_ENDPOINT_URL_S3_CONTROL`, `AWS_ENDPOINT_URL`) and the one it lacks: `AWS_S3_FORCE_PATH_STYLE`
 * (SDK v3 has `forcePathStyle` as client config only; S3-compatible stores such as MinIO or Ceph
 * behind a host name need it, or every bucket becomes a host name, `demo-bucket.minio.example`).
 */
export interface S3Endpoints {
  /** `forcePathStyle` for every S3 client: `AWS_S3_FORCE_PATH_STYLE=true`. */
  forcePathStyle: boolean;
  /**
   * False when S3's endpoint is overridden and S3 Control's is not: an S3-compatible store, which
   * serves no S3 Control, so S3 Control (and the account lookup it needs) must not be called.
   */
  s3ControlReachable: boolean;
}

type Env = Record<string, string | undefined>;

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== "";

export function s3Endpoints(env: Env = process.env, overrides: { s3Endpoint?: string } = {}): S3Endpoints {
  const s3Overridden = isSet(overrides.s3Endpoint) || isSet(env.AWS_ENDPOINT_URL_S3) || isSet(env.AWS_ENDPOINT_URL);
  const s3ControlOverridden = isSet(env.AWS_ENDPOINT_URL_S3_CONTROL) || isSet(env.AWS_ENDPOINT_URL);
  return {
    forcePathStyle: pathStyle(env.AWS_S3_FORCE_PATH_STYLE),
    s3ControlReachable: !s3Overridden || s3ControlOverridden,
  };
}

function pathStyle(value: string | undefined): boolean {
  if (value === undefined || value === "") return false;
  const normalized = value.trim().toLowerCase();
  if (normalized === "true" || normalized === "1") return true;
  if (normalized === "false" || normalized === "0") return false;
  throw new Error(`AWS_S3_FORCE_PATH_STYLE is "${value}": set it to true (path-style S3 addressing) or false.`);
}
