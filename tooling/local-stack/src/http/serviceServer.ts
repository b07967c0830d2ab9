import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServiceRequest, ServiceResponse } from "./serviceTypes";

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

type Handler = (request: ServiceRequest) => Promise<ServiceResponse>;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  // The SDKs encode a space as %20 and a plus as %2B, so URLSearchParams decodes them faithfully.
  for (const [name, value] of new URLSearchParams(search)) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}

async function toServiceRequest(request: IncomingMessage, requestId: string): Promise<ServiceRequest> {
  const target = request.url ?? "/";
  const queryAt = target.indexOf("?");
  return {
    method: request.method ?? "GET",
    rawPath: queryAt === -1 ? target : target.slice(0, queryAt),
    query: queryAt === -1 ? {} : parseQuery(target.slice(queryAt + 1)),
    headers: request.headers,
    body: await readBody(request),
    requestId,
  };
}

function send(response: ServerResponse, reply: ServiceResponse): void {
  response.writeHead(reply.status, reply.headers);
  response.end(reply.body);
}

/** One service on 127.0.0.1 and a free port. `handle` must answer every request itself, errors included. */
export async function startServiceServer(handle: Handler, newRequestId: () => string): Promise<RunningServer> {
  const server: Server = createServer((request, response) => {
    toServiceRequest(request, newRequestId())
      .then(handle)
      .then((reply) => send(response, reply))
      .catch((error: unknown) => {
        console.error("local-stack: unhandled error while answering a request", error);
        send(response, { status: 500, body: "Internal error in local-stack" });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // The SDKs keep connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
