import { awsRegion } from "./region";

/** The settings every AWS client of a task shares, besides its credentials. */
export interface AwsClientSettings {
  /** `AWS_REGION`, else an error that says to set it (see `awsRegion`). */
  region: () => Promise<string>;
}

/**
 * Settings for every AWS SDK client of a task:
 * `new S3Client({ ...awsClientSettings(), credentials: fromAirplane() })`.
 */
export function awsClientSettings(): AwsClientSettings {
  return { region: awsRegion };
}
