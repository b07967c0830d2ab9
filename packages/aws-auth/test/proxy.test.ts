import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CredentialCache } from "../src/credentialCache";
import { awsClientSettings, fromTaskRole } from "../src/index";
import { idToken, ROLE_ARN } from "./fixtures";

// A minimal forward proxy, written here because the test must count what reaches it: HTTP requests
// in absolute form are forwarded, CONNECT tunnels are counted and refused (tunnelling TLS to a
// local endpoint would need a certificate the SDK trusts; the CONNECT itself is what shows the route).
const seenByProxy: string[] = [];
const proxy = createServer((incoming, outgoing) => {
  seenByProxy.push(`${incoming.method} ${incoming.url}`);
  const target = new URL(incoming.url ?? "");
  const forwarded = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      method: incoming.method,
      headers: incoming.headers,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  incoming.pipe(forwarded);
});
proxy.on("connect", (request, socket) => {
  seenByProxy.push(`CONNECT ${request.url}`);
  socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
});

// AWS at a local http endpoint: STS answers with credentials, S3 with no buckets.
const seenByAws: string[] = [];
const aws = createServer((incoming, outgoing) => {
  let body = "";
  incoming.on("data", (chunk: Buffer) => (body += chunk.toString()));
  incoming.on("end", () => {
    const action = new URLSearchParams(body).get("Action");
    seenByAws.push(action ?? `${incoming.method} ${incoming.url}`);
    outgoing.writeHead(200, { "content-type": "text/xml" });
    outgoing.end(
      action
        ? `<${action}Response><${action}Result><Credentials><AccessKeyId>ASIAPROXY</AccessKeyId>` +
            `<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken>` +
            `<Expiration>${new Date(Date.now() + 3_600_000).toISOString()}</Expiration></Credentials>` +
            `</${action}Result></${action}Response>`
        : "<ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>",
    );
  });
});

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
let proxyUrl: string;
let awsUrl: string;
beforeAll(async () => {
  proxyUrl = await listen(proxy);
  awsUrl = await listen(aws);
});
afterAll(async () => {
  for (const server of [proxy, aws]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

beforeEach(() => {
  seenByProxy.length = 0;
  seenByAws.length = 0;
  vi.stubEnv("AWS_ROLE_ARN", ROLE_ARN);
  vi.stubEnv("AWS_REGION", "eu-west-1");
  for (const name of ["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "https_proxy", "http_proxy", "no_proxy"]) {
    vi.stubEnv(name, undefined);
  }
});
afterEach(() => vi.unstubAllEnvs());

/** A task's S3 client, as the tasks build theirs, with its credentials from Airplane OIDC. */
function taskClient() {
  const credentials = fromTaskRole({
    getIdToken: async () => idToken(),
    cache: new CredentialCache(),
    retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  return new S3Client({ ...awsClientSettings(), credentials, maxAttempts: 1 });
}

describe("HTTPS_PROXY, HTTP_PROXY and NO_PROXY", () => {
  it("tunnel STS's https request through the proxy with CONNECT", async () => {
    vi.stubEnv("HTTPS_PROXY", proxyUrl);

    await expect(taskClient().send(new ListBucketsCommand({}))).rejects.toThrow();

    expect(seenByProxy).toEqual(["CONNECT sts.eu-west-1.amazonaws.com:443"]);
  });

  it("send STS and the task's calls through the proxy, and bypass it for NO_PROXY hosts", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL_STS", awsUrl);
    vi.stubEnv("AWS_ENDPOINT_URL_S3", awsUrl);
    vi.stubEnv("HTTP_PROXY", proxyUrl);

    await taskClient().send(new ListBucketsCommand({}));
    expect(seenByAws).toEqual(["AssumeRoleWithWebIdentity", "GET /?x-id=ListBuckets"]);
    expect(seenByProxy).toEqual([`POST ${awsUrl}/`, `GET ${awsUrl}/?x-id=ListBuckets`]);

    seenByProxy.length = 0;
    vi.stubEnv("NO_PROXY", "127.0.0.1");
    await taskClient().send(new ListBucketsCommand({}));
    expect(seenByAws).toHaveLength(4);
    expect(seenByProxy).toEqual([]);
  });

  it("leave clients on the SDK's own handler when no proxy is set", () => {
    expect(awsClientSettings().requestHandler).toBeUndefined();
    vi.stubEnv("https_proxy", proxyUrl);
    expect(awsClientSettings().requestHandler).toBeDefined();
  });
});
