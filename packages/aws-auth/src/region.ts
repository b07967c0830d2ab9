import { AwsAuthError } from "./errors";

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const HOW_TO_SET =
  'On Airplane, map it in the task\'s envVars from the "aws_region" config var: AWS_REGION: { config: "aws_region" }; ' +
  "locally, export AWS_REGION=us-east-1 (or your region).";

/** Checks a region name before any call is made, so a typo names its source instead of failing as DNS. */
export function validateRegion(region: string, source: string): string {
  if (!REGION_NAME.test(region)) {
    throw new AwsAuthError(
      "InvalidConfiguration",
      `${source} "${region}" is not an AWS region name such as us-east-1.`,
    );
  }
  return region;
}

export function missingRegionError(cause?: unknown): AwsAuthError {
  return new AwsAuthError(
    "InvalidConfiguration",
    `No AWS region: AWS_REGION is not set and the AWS client was given none. ${HOW_TO_SET}`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The region of a task's AWS clients, as a provider the SDK calls when it first needs it:
 * `AWS_REGION`, else a clear error naming the variable and the config var to set. Given to every
 * client (see `awsClientSettings`), so that a missing region is this error in every task and not
 * the SDK's bare "Region is missing".
 */
export async function awsRegion(): Promise<string> {
  const region = process.env.AWS_REGION;
  if (!region) throw missingRegionError();
  return validateRegion(region, "AWS_REGION");
}
