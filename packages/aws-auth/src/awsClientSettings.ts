import type { NodeHttpHandler } from "@smithy/node-http-handler";
import { proxyRequestHandler } from "./proxyRequestHandler";
import { awsRegion } from "./region";

/** The settings every AWS client of a task shares, besides its credentials. */
export interface AwsClientSettings {
  /** `AWS_REGION`, else an error that says to set it (see `awsRegion`). */
  region: () => Promise<string>;
  /** With HTTPS_PROXY/HTTP_PROXY set, one handler that honours them and NO_PROXY; else the SDK's. */
  requestHandler?: NodeHttpHandler;
}

/**
 * Settings for every AWS SDK client of a task:
 * `new S3Client({ ...awsClientSettings(), credentials: fromAirplane() })`. STS, called for the
 * credentials, uses the same request handler (see stsClient.ts).
 */
export function awsClientSettings(env: NodeJS.ProcessEnv = process.env): AwsClientSettings {
  const requestHandler = proxyRequestHandler(env);
  return { region: awsRegion, ...(requestHandler ? { requestHandler } : {}) };
}
