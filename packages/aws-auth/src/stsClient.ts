import { STSClient, type STSClientConfig } from "@aws-sdk/client-sts";
import type { CallerClientConfig } from "./callerClientConfig";
import { credentialFreeLogger } from "./credentialFreeLogger";
import { proxyRequestHandler } from "./proxyRequestHandler";
import { missingRegionError, validateRegion } from "./region";

/**
 * The STS client of a session, built as the SDK's own `fromWebToken` and `fromTemporaryCredentials`
 * build theirs: the region, request handler (its proxy and connection pool) and logger of the client
 * that first asked for credentials, under any explicit `clientConfig`; without a caller's handler,
 * the proxy handler when HTTPS_PROXY/HTTP_PROXY is set. Retries of the first hop are ours (see
 * retry.ts), so its client makes one attempt.
 */
export async function stsClientFor(
  caller: CallerClientConfig | undefined,
  options: StsOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ sts: STSClient; region: string }> {
  const config = await stsClientConfig(
    caller,
    { ...options, clientConfig: { ...options.clientConfig, maxAttempts: 1 } },
    env,
  );
  return { sts: new STSClient(config), region: config.region };
}

interface StsOptions {
  region?: string | undefined;
  clientConfig?: STSClientConfig | undefined;
}

/** The settings of such a client, for the SDK's own providers (fromTemporaryCredentials) to build it. */
export async function stsClientConfig(
  caller: CallerClientConfig | undefined,
  { region, clientConfig = {} }: StsOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<STSClientConfig & { region: string }> {
  const stsRegion = await resolveStsRegion(region, caller, env);
  const requestHandler = http1Only(caller?.requestHandler) ?? proxyRequestHandler(env);
  return {
    ...(caller?.logger ? { logger: credentialFreeLogger(caller.logger) } : {}),
    ...(requestHandler ? { requestHandler } : {}),
    customUserAgent: runUserAgent(env),
    ...clientConfig,
    region: stsRegion,
  };
}

/** The explicit option, else the calling client's region, else AWS_REGION, else an error saying what to set. */
export async function resolveStsRegion(
  option: string | undefined,
  caller: CallerClientConfig | undefined,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  if (option) return validateRegion(option, "region");
  const callerRegion = await caller?.region().catch(() => undefined);
  if (callerRegion) return callerRegion;
  if (env.AWS_REGION) return validateRegion(env.AWS_REGION, "AWS_REGION");
  throw missingRegionError();
}

// CloudTrail records each call's user agent: with the run ID in it, the STS event itself leads
// back to the run, as the session name does for every later call.
function runUserAgent(env: NodeJS.ProcessEnv): Array<[string, string]> {
  return env.AIRPLANE_RUN_ID ? [["airplane-run", env.AIRPLANE_RUN_ID]] : [];
}

// STS speaks HTTP/1.1 only; the SDK's providers drop an h2 handler the same way.
function http1Only(handler: CallerClientConfig["requestHandler"]): CallerClientConfig["requestHandler"] {
  return (handler as { metadata?: { handlerProtocol?: string } } | undefined)?.metadata?.handlerProtocol === "h2"
    ? undefined
    : handler;
}
