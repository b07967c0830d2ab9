import type { AwsCredentialIdentity } from "@smithy/types";
import { fromAirplane } from "./fromAirplane";
import type { FromAirplaneOidcInit } from "./fromAirplaneOidc";

/**
 * The plain credentials object, for code that does not take a provider (a CLI, another SDK).
 * Prefer passing `fromAirplane()` to AWS SDK clients: they then renew credentials themselves.
 */
export function getAwsCredentials(init: FromAirplaneOidcInit = {}): Promise<AwsCredentialIdentity> {
  return fromAirplane(init)();
}
