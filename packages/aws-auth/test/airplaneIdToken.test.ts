import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { airplaneIdToken } from "../src/airplaneIdToken";
import { AwsAuthError } from "../src/errors";
import { CANARY, expectNoSecrets, idToken } from "./fixtures";

interface Seen {
  path?: string;
  headers?: IncomingHttpHeaders;
  body?: string;
}

let server: Server | undefined;

/** A one-route HTTP server standing in for Airplane's API, to drive the real `airplane` SDK. */
async function airplaneApi(status: number, reply: object, seen: Seen): Promise<string> {
  const api = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      Object.assign(seen, { path: request.url, headers: request.headers, body });
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(reply));
    });
  });
  server = api;
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
}

function stubAirplaneEnv(host: string): void {
  vi.stubEnv("AIRPLANE_API_HOST", host);
  vi.stubEnv("AIRPLANE_TOKEN", CANARY.airplaneToken);
}

afterEach(() => {
  vi.unstubAllEnvs();
  server?.close();
  server = undefined;
});

describe("airplaneIdToken", () => {
  it("asks Airplane's API for a token through the airplane SDK", async () => {
    const seen: Seen = {};
    stubAirplaneEnv(await airplaneApi(200, { token: idToken() }, seen));
    const token = await airplaneIdToken("sts.amazonaws.com");

    expect(token).toBe(idToken());
    expect(seen.path).toBe("/v0/oidc/generateIDToken");
    expect(seen.headers?.["x-airplane-token"]).toBe(CANARY.airplaneToken);
    expect(JSON.parse(seen.body ?? "")).toEqual({ audience: "sts.amazonaws.com" });
  });

  it("explains a refused AIRPLANE_TOKEN without printing it", async () => {
    stubAirplaneEnv(await airplaneApi(401, { error: "invalid token" }, {}));
    const error: unknown = await airplaneIdToken("sts.amazonaws.com").catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AwsAuthError);
    expect((error as AwsAuthError).code).toBe("IdTokenUnavailable");
    expect((error as AwsAuthError).message).toMatch(/AIRPLANE_TOKEN was refused/);
    expectNoSecrets(error);
  });

  it("says when this is not an Airplane run", async () => {
    vi.stubEnv("AIRPLANE_TOKEN", undefined);
    await expect(airplaneIdToken("sts.amazonaws.com")).rejects.toMatchObject({
      code: "NoIdTokenSource",
      message: expect.stringMatching(/AIRPLANE_API_HOST and AIRPLANE_TOKEN are not both set/) as unknown,
    });
  });
});
