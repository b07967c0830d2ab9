import { inspect } from "node:util";
import {
  AssumeRoleWithWebIdentityCommand,
  type AssumeRoleWithWebIdentityCommandOutput,
  STSClient,
  type STSClientConfig,
} from "@aws-sdk/client-sts";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { idToken } from "airplane/auth";
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from "vitest";
import {
  type GithubJobOptions,
  type LocalStack,
  type LocalStackOptions,
  type RunOptions,
  startLocalStack,
} from "../src/index";

// The SDK warns once per process that its releases after January 2027 need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const DEMO_TASK = "add_s3_bucket_tag";
export const DEMO_SUB = "team:tea20010101aaaaaaaaaa:env:prod:task:add_s3_bucket_tag";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration?: Date;
}

/**
 * A stand-in for the tests of one file: started before them, stopped after; AWS_* endpoint
 * variables stubbed before each test (so clients are configured by the environment alone, as task
 * code is) and faults cleared after each.
 */
export function useLocalStack(options: LocalStackOptions = {}): () => LocalStack {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startLocalStack(options);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  beforeEach(() => {
    for (const [name, value] of Object.entries(current().awsEnv())) vi.stubEnv(name, value);
  });
  afterEach(() => {
    stack?.clearFaults();
    vi.unstubAllEnvs();
  });
  function current(): LocalStack {
    if (!stack) throw new Error("The local stack has not started.");
    return stack;
  }
  return current;
}

/** A new run's Airplane variables, as the `airplane` SDK reads them. */
export function stubAirplaneRun(stack: LocalStack, run: RunOptions): Record<string, string> {
  const env = stack.runEnv(run);
  for (const name of ["AIRPLANE_API_HOST", "AIRPLANE_TOKEN", "AIRPLANE_RUNTIME", "AIRPLANE_RUN_ID"]) {
    vi.stubEnv(name, env[name]);
  }
  return env;
}

/** A new GitHub Actions job's variables, stubbed as the runner sets them for each step. */
export function stubGithubJob(stack: LocalStack, job: GithubJobOptions): Record<string, string> {
  const env = stack.githubJobEnv(job);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return env;
}

/**
 * `@actions/core`'s getIDToken, as a step calls it, with what it writes to stdout (the workflow
 * commands `::debug::` and `::add-mask::<token>`, which the runner reads) kept out of the test output.
 */
export async function githubIdToken(audience?: string): Promise<{ token: string; stdout: string }> {
  const { getIDToken } = await import("@actions/core");
  const written: string[] = [];
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    return { token: await getIDToken(audience), stdout: written.join("") };
  } finally {
    write.mockRestore();
  }
}

export interface AssumedRole {
  credentials: Credentials;
  response: AssumeRoleWithWebIdentityCommandOutput;
  token: string;
  env: Record<string, string>;
}

export interface AssumeRoleRequest {
  roleSessionName?: string;
  durationSeconds?: number;
  roleArn?: string;
  audience?: string;
}

/** The whole exchange with the real SDKs: an ID token from the Airplane stand-in, then STS. */
export async function assumeRole(
  stack: LocalStack,
  run: RunOptions = { taskSlug: DEMO_TASK },
  request: AssumeRoleRequest = {},
  stsConfig: STSClientConfig = {},
): Promise<AssumedRole> {
  const env = stubAirplaneRun(stack, run);
  const token = await idToken(request.audience ?? "sts.amazonaws.com");
  const response = await new STSClient(stsConfig).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: request.roleArn ?? env.AWS_ROLE_ARN,
      RoleSessionName: request.roleSessionName ?? `session-${env.AIRPLANE_RUN_ID}`,
      WebIdentityToken: token,
      ...(request.durationSeconds !== undefined ? { DurationSeconds: request.durationSeconds } : {}),
    }),
  );
  const issued = response.Credentials;
  if (!issued?.AccessKeyId || !issued.SecretAccessKey || !issued.SessionToken)
    throw new Error("STS gave no credentials");
  return {
    credentials: {
      accessKeyId: issued.AccessKeyId,
      secretAccessKey: issued.SecretAccessKey,
      sessionToken: issued.SessionToken,
      ...(issued.Expiration ? { expiration: issued.Expiration } : {}),
    },
    response,
    token,
    env,
  };
}

/** The error a call failed with; fails the test if it succeeded. */
export async function failureOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error("Expected the call to fail, but it succeeded.");
  return outcome as Error & Record<string, unknown>;
}

/** The HTTP status of an AWS SDK error. */
export function statusOf(error: Record<string, unknown>): number | undefined {
  return (error.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
}

export interface RawRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** The SigV4 service name: sts, iam or s3 (S3 Control signs as s3). */
  service: string;
  region?: string;
  signingDate?: Date;
  /** Headers sent but left out of the signature. */
  unsigned?: string[];
  /** Sign without the x-amz-content-sha256 header the SDK's signer adds (the payload is still hashed). */
  withoutContentSha256?: boolean;
}

/**
 * A request signed with the SDK's own signer but otherwise built by hand, for what the SDK clients
 * never send (a malformed body, a missing or wrong checksum). `tamper` runs after signing.
 */
export async function sendSigned(
  credentials: Credentials,
  raw: RawRequest,
  tamper: (request: HttpRequest) => void = () => undefined,
): Promise<{ status: number; headers: Headers; body: string }> {
  const url = new URL(raw.url);
  const signer = new SignatureV4({
    credentials,
    region: raw.region ?? "us-east-1",
    service: raw.service,
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: raw.service !== "s3",
    applyChecksum: !raw.withoutContentSha256,
  });
  const request = new HttpRequest({
    method: raw.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, ...raw.headers },
    ...(raw.body !== undefined ? { body: raw.body } : {}),
  });
  const signed = (await signer.sign(request, {
    ...(raw.signingDate ? { signingDate: raw.signingDate } : {}),
    ...(raw.unsigned ? { unsignableHeaders: new Set(raw.unsigned) } : {}),
  })) as HttpRequest;
  tamper(signed);
  const { host: _host, ...headers } = signed.headers;
  // As bytes: for a string body fetch would add a Content-Type of its own, after signing.
  const response = await fetch(raw.url, {
    method: signed.method,
    headers,
    ...(signed.body !== undefined ? { body: Buffer.from(signed.body as string) } : {}),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/**
 * Asserts that credentials issued between `issuedAfter` and `issuedBefore` (epoch ms) expire
 * `seconds` after issue. STS states Expiration to the second, rounded down: up to 1 s early.
 */
export function expectLifetime(
  expiration: Date | undefined,
  seconds: number,
  issuedAfter: number,
  issuedBefore: number,
) {
  const expiresAt = expiration?.getTime() ?? 0;
  expect(expiresAt).toBeGreaterThan(issuedAfter + seconds * 1000 - 1000);
  expect(expiresAt).toBeLessThanOrEqual(issuedBefore + seconds * 1000);
}

/** The text with one character changed (always to a different one). */
export function tamper(text: string, at = 0): string {
  const replacement = text[at] === "A" ? "B" : "A";
  return `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
}

/** Asserts that none of the secrets appears anywhere in the rendered values. */
export function expectNoSecrets(secrets: readonly string[], ...values: unknown[]): void {
  const rendered = values
    .map((value) => (typeof value === "string" ? value : inspect(value, { depth: 10, showHidden: false })))
    .join("\n");
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    expect(rendered).not.toContain(secret);
  }
}
