import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { GetBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CredentialCache } from "../src/credentialCache";
import { AwsAuthError, fromTaskRole, secretFreeError, withSecretFreeErrors } from "../src/index";
import { CANARY, idToken, ROLE_ARN } from "./fixtures";

const deep = (value: unknown) => inspect(value, { showHidden: true, depth: null });
const canariesIn = (text: string) => Object.values(CANARY).filter((canary) => text.includes(canary));

// A local endpoint that refuses everything as AWS does, so the SDK's errors carry a real
// response whose socket links back to the signed request and its headers.
let server: Server;
let endpoint: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    const sts = request.url === "/" && request.method === "POST";
    response.writeHead(403, { "content-type": "text/xml", "x-amzn-requestid": "REQ-1" });
    response.end(
      sts
        ? `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message></Error><RequestId>REQ-1</RequestId></ErrorResponse>`
        : `<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>REQ-1</RequestId></Error>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function thrownBy(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("secretFreeError", () => {
  it("removes the request headers an S3 error carries, and keeps its message, class and code", async () => {
    const s3 = new S3Client({
      region: "eu-west-1",
      endpoint,
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: {
        accessKeyId: "ASIATEST",
        secretAccessKey: CANARY.secretAccessKey,
        sessionToken: CANARY.sessionToken,
      },
    });
    const raw = await thrownBy(s3.send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" })));
    expect(canariesIn(deep(raw))).toEqual([CANARY.sessionToken]); // what this is about: the SDK's error leaks it

    const clean = secretFreeError(raw) as Error & { $metadata: object; $fault: string };

    expect(canariesIn(deep(clean))).toEqual([]);
    expect(canariesIn(inspect(clean, { showHidden: true, depth: null, getters: true }))).toEqual([]);
    expect(clean).toBeInstanceOf(raw.constructor);
    expect(clean.name).toBe("AccessDenied");
    expect(clean.message).toBe("Access Denied");
    expect(clean.$fault).toBe("client");
    expect(clean.$metadata).toMatchObject({ httpStatusCode: 403, requestId: "REQ-1" });
    expect(clean.stack).toBe(raw.stack);
  });

  it("cleans the STS error an AwsAuthError keeps as its cause", async () => {
    vi.stubEnv("AWS_ROLE_ARN", ROLE_ARN);
    const provider = fromTaskRole({
      region: "eu-west-1",
      clientConfig: { endpoint },
      getIdToken: async () => idToken(),
      cache: new CredentialCache(),
      retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const raw = await thrownBy(provider());
    vi.unstubAllEnvs();

    const clean = secretFreeError(raw) as AwsAuthError;

    expect(clean).toBeInstanceOf(AwsAuthError);
    expect(clean.code).toBe("TrustPolicyRejected");
    expect(clean.message).toBe(raw.message);
    expect((clean.cause as Error).name).toBe("AccessDenied");
    expect(deep(clean)).not.toMatch(/\$response|_header|IncomingMessage|ClientRequest/);
    expect(canariesIn(deep(clean))).toEqual([]);
  });

  it("cleans every error of an AggregateError, and leaves values that are not errors alone", () => {
    const leaky = () =>
      Object.assign(new Error("boom"), { $response: { headers: { "x-amz-security-token": CANARY.sessionToken } } });
    const clean = secretFreeError(new AggregateError([leaky(), leaky()], "two failed")) as AggregateError;

    expect(clean.errors).toHaveLength(2);
    expect(canariesIn(deep(clean))).toEqual([]);
    expect(secretFreeError("just a string")).toBe("just a string");
  });
});

describe("withSecretFreeErrors", () => {
  it("throws the clean copy and passes results through", async () => {
    const leak = Object.assign(new Error("denied"), {
      request: { headers: { authorization: CANARY.secretAccessKey } },
    });
    const failing = withSecretFreeErrors(async (_params: { bucket: string }) => {
      throw leak;
    });
    const error = await thrownBy(failing({ bucket: "b" }));

    expect(error.message).toBe("denied");
    expect(canariesIn(deep(error))).toEqual([]);
    expect(await withSecretFreeErrors(async (n: number) => n + 1)(1)).toBe(2);
  });
});
