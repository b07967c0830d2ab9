import type { STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsIdentityProperties } from "@aws-sdk/types";
import type { Logger } from "@smithy/types";
import { checkRegion, missingRegionError, proxyRequestHandler } from "./awsClientSettings";
import { runUserAgent } from "./run";

/** What an SDK client passes the credential provider it calls. */
export type ProviderProperties = AwsIdentityProperties & { forceRefresh?: boolean };
type CallerClientConfig = AwsIdentityProperties["callerClientConfig"];

export interface StsOptions {
  /** The STS region (its regional endpoint is used). Default: the calling client's, else `AWS_REGION`. */
  region?: string | undefined;
  /** Settings for the STS client over those of the calling client (a logger, a request handler...). */
  clientConfig?: STSClientConfig | undefined;
}

/**
 * The STS client's settings, as the SDK's `fromWebToken` and `fromTemporaryCredentials` take them
 * from the client that first asks for credentials (region, request handler, logger), with three
 * differences the SDK's providers lack: a missing region is an error that says what to set (not
 * us-east-1), the proxy handler when the caller has none, and a logger that never sees credentials.
 */
export async function stsClientConfig(
  caller: CallerClientConfig,
  { region, clientConfig = {} }: StsOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<STSClientConfig & { region: string }> {
  const requestHandler = http1Only(caller?.requestHandler) ?? proxyRequestHandler(env);
  return {
    ...(caller?.logger ? { logger: credentialFreeLogger(caller.logger) } : {}),
    ...(requestHandler ? { requestHandler } : {}),
    customUserAgent: runUserAgent(env),
    ...clientConfig,
    region: await stsRegion(region, caller, env),
  };
}

/** The explicit option, else the calling client's region, else AWS_REGION, else an error saying what to set. */
async function stsRegion(option: string | undefined, caller: CallerClientConfig, env: NodeJS.ProcessEnv) {
  if (option) return checkRegion(option, "region");
  const callerRegion = await caller?.region().catch(() => undefined);
  if (callerRegion) return callerRegion;
  if (env.AWS_REGION) return checkRegion(env.AWS_REGION, "AWS_REGION");
  throw missingRegionError();
}

// STS speaks HTTP/1.1 only; the SDK's providers drop an h2 handler too, and then the proxy must apply.
function http1Only(handler: NonNullable<CallerClientConfig>["requestHandler"]) {
  return (handler as { metadata?: { handlerProtocol?: string } } | undefined)?.metadata?.handlerProtocol === "h2"
    ? undefined
    : handler;
}

const REDACTED = "[redacted by aws-auth]";

/** The caller's logger for an STS client: the same messages, with no credentials in them. */
export function credentialFreeLogger(logger: Logger): Logger {
  // The SDK logs each command's output, and its log filter for STS hides SecretAccessKey but not
  // SessionToken: the credentials of an answer go entirely.
  const withoutCredentials = (entry: unknown): unknown => {
    const output = (entry as { output?: { Credentials?: unknown } } | null)?.output;
    return output?.Credentials ? { ...(entry as object), output: { ...output, Credentials: REDACTED } } : entry;
  };
  const forward =
    (level: keyof Logger) =>
    (...entries: unknown[]) =>
      logger[level]?.(...entries.map(withoutCredentials));
  return { debug: forward("debug"), info: forward("info"), warn: forward("warn"), error: forward("error") };
}
