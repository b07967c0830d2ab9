import { NodeHttpHandler } from "@smithy/node-http-handler";

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
  // The agents are made on the first request, with import(): proxy-agent 8 is ESM only, which
  // Node before 20.19 (Airplane's runtime may run 18) cannot require(), and a run without a proxy
  // never loads it.
  shared ??= new NodeHttpHandler(async () => {
    const { ProxyAgent } = await import("proxy-agent");
    // https: keepAlive and 50 sockets, the SDK's defaults for its own agents; a kept socket is a
    // tunnel to one host, reused for that host only. Plain http without keepAlive: a kept socket
    // to the proxy was reused with a relative path (the proxy got "GET /?x-id=ListBuckets"), which
    // a proxy cannot route. AWS endpoints are https; plain http is for local endpoints.
    return {
      httpAgent: new ProxyAgent(),
      httpsAgent: new ProxyAgent({ keepAlive: true, maxSockets: 50 }),
    };
  });
  return shared;
}
