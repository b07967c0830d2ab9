import { NodeHttpHandler } from "@smithy/node-http-handler";
import { invalidConfiguration } from "./errors";
import { localRunCommand } from "./localRunCommand";

/** The settings every AWS client of a task shares, besides its credentials. */
export interface AwsClientSettings {
  /** `AWS_REGION`, else an error that says to set it (see `awsRegion`). */
  region: () => Promise<string>;
  /** With HTTPS_PROXY/HTTP_PROXY set, one handler that honours them and NO_PROXY; else the SDK's. */
  requestHandler?: NodeHttpHandler;
}

/**
 * Settings for every AWS SDK client of a task:
 * `new S3Client({ ...awsClientSettings(), credentials: fromTaskRole() })`. STS, called for the
 * credentials, uses the same request handler (see stsClientConfig.ts).
 */
export function awsClientSettings(env: NodeJS.ProcessEnv = process.env): AwsClientSettings {
  const requestHandler = proxyRequestHandler(env);
  return { region: awsRegion, ...(requestHandler ? { requestHandler } : {}) };
}

/**
 * The region of a task's AWS clients, as a provider the SDK calls when it first needs it:
 * `AWS_REGION`, else an error naming the variable and the config var to set, rather than the
 * SDK's bare "Region is missing".
 */
export async function awsRegion(): Promise<string> {
  const region = process.env.AWS_REGION;
  if (!region) throw missingRegionError();
  return checkRegion(region, "AWS_REGION");
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Checks a region name before any call, so a typo names its source instead of failing as DNS. */
export function checkRegion(region: string, source: string): string {
  if (!REGION_NAME.test(region))
    throw invalidConfiguration(`${source} "${region}" is not an AWS region name such as us-east-1.`);
  return region;
}

export function missingRegionError(): Error {
  return invalidConfiguration(
    "No AWS region: AWS_REGION is not set and the AWS client was given none. To run the task on the local " +
      `stand-in, which sets it: ${localRunCommand()}. On GitHub Actions, set the AWS_REGION variable of the task's ` +
      'environment; on Airplane, map it in the task\'s envVars from the "aws_region" config var: AWS_REGION: ' +
      '{ config: "aws_region" }; against your own AWS account, export AWS_REGION=us-east-1 (or your region).',
  );
}

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];
let sharedProxyHandler: NodeHttpHandler | undefined;

/**
 * When HTTPS_PROXY or HTTP_PROXY is set, the request handler every AWS client of the process
 * shares (one connection pool): each request goes through the proxy its URL calls for, or
 * directly when NO_PROXY lists its host, by `proxy-agent`'s reading of the variables (curl's
 * rules; https tunnels with CONNECT). Otherwise undefined, and clients keep the SDK's own handler.
 */
export function proxyRequestHandler(env: NodeJS.ProcessEnv = process.env): NodeHttpHandler | undefined {
  if (!PROXY_VARIABLES.some((name) => env[name])) return undefined;
  // import() on the first request: proxy-agent 8 is ESM-only, which Node 18 (Airplane's runtime)
  // cannot require(), and a run without a proxy never loads it.
  sharedProxyHandler ??= new NodeHttpHandler(async () => {
    const { ProxyAgent } = await import("proxy-agent");
    // https: the SDK's own keepAlive and socket count; a kept socket is a tunnel to one host.
    // Plain http without keepAlive: a kept socket to the proxy would be reused with a relative
    // path ("GET /?x-id=ListBuckets"), which a proxy cannot route. AWS endpoints are https.
    return {
      httpAgent: new ProxyAgent(),
      httpsAgent: new ProxyAgent({ keepAlive: true, maxSockets: 50 }),
    };
  });
  return sharedProxyHandler;
}
