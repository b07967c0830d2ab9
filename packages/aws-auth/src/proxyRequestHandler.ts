import { NodeHttpHandler } from "@smithy/node-http-handler";
import type * as ProxyAgentModule from "proxy-agent";

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];

let shared: NodeHttpHandler | undefined;

export function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return PROXY_VARIABLES.some((name) => env[name]);
}

/**
 * When HTTPS_PROXY or HTTP_PROXY is set, the request handler every AWS client of the process
 * shares (one connection pool): each request goes through the proxy its URL calls for, or
 * directly when NO_PROXY lists its host, by `proxy-agent` and `proxy-from-env`'s reading of the
 * variables (the same rules as curl's; https requests tunnel with CONNECT). Otherwise undefined,
 * and clients keep the SDK's own handler.
 */
export function proxyRequestHandler(env: NodeJS.ProcessEnv = process.env): NodeHttpHandler | undefined {
  if (!proxyConfigured(env)) return undefined;
  if (!shared) {
    // Loaded only here: a run without a proxy never pays for it. With require(), not import(),
    // as for the default chain (fromAirplane.ts): import() would start Node's ESM loader.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ProxyAgent } = require("proxy-agent") as typeof ProxyAgentModule;
    // https: keepAlive and 50 sockets, the SDK's defaults for its own agents; a kept socket is a
    // tunnel to one host, reused for that host only. Plain http without keepAlive: a kept socket
    // to the proxy was reused with a relative path (the proxy got "GET /?x-id=ListBuckets"), which
    // a proxy cannot route. AWS endpoints are https; plain http is for local endpoints.
    shared = new NodeHttpHandler({
      httpAgent: new ProxyAgent(),
      httpsAgent: new ProxyAgent({ keepAlive: true, maxSockets: 50 }),
    });
  }
  return shared;
}
