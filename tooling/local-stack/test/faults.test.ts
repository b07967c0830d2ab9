import { GetBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { IDPCommunicationErrorException, InvalidIdentityTokenException } from "@aws-sdk/client-sts";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { idToken } from "airplane/auth";
import { beforeEach, describe, expect, it } from "vitest";
import type { ServiceName } from "../src/index";
import {
  assumeRole,
  type Credentials,
  DEMO_TASK,
  failureOf,
  statusOf,
  stubAirplaneRun,
  useLocalStack,
} from "./helpers";
import { ADMIN_RUN, testConfig } from "./testConfig";

const stack = useLocalStack({ config: testConfig() });
let credentials: Credentials;

beforeEach(async () => {
  ({ credentials } = await assumeRole(stack(), ADMIN_RUN));
  stack().resetLog();
});

/**
 * The SDK's standard retry strategy (which errors to retry, how many attempts) with a 5 ms backoff
 * instead of its jittered delays of up to seconds, so the tests do not sleep.
 */
const quickRetries = (maxAttempts = 3) => ({ retryStrategy: new ConfiguredRetryStrategy(maxAttempts, () => 5) });

const getTags = (client = new S3Client({ credentials, ...quickRetries() })) =>
  client.send(new GetBucketTaggingCommand({ Bucket: "demo-bucket" }));

function injectedCount(service: ServiceName, operation: string): number {
  return stack().requests.filter(
    (entry) => entry.service === service && entry.operation === operation && entry.injected,
  ).length;
}

describe("latency", () => {
  it("delays each matching request, and only those", async () => {
    stack().inject({ service: "s3", operation: "GetBucketTagging", latencyMs: 250 });
    const started = performance.now();
    await getTags();
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
    expect(stack().requests.at(-1)?.durationMs).toBeGreaterThanOrEqual(245);

    const other = performance.now();
    await new IAMClient({ credentials }).send(new ListRolesCommand({}));
    expect(performance.now() - other).toBeLessThan(245);
  });
});

describe("failures, then success: the SDKs' own retries show in the counters", () => {
  it("S3 SlowDown (503) twice: the client retries and succeeds on its third attempt", async () => {
    const fault = stack().inject({
      service: "s3",
      operation: "GetBucketTagging",
      fail: { code: "SlowDown", status: 503, message: "Please reduce your request rate." },
      times: 2,
    });
    const response = await getTags();
    expect(response.$metadata.attempts).toBe(3);
    expect(stack().count("s3", "GetBucketTagging")).toBe(3);
    expect(injectedCount("s3", "GetBucketTagging")).toBe(2);
    expect(fault.hits).toBe(2);
    expect(fault.remaining).toBe(0);
  });

  it("STS Throttling: AssumeRoleWithWebIdentity is retried by the SDK", async () => {
    stack().inject({
      service: "sts",
      operation: "AssumeRoleWithWebIdentity",
      fail: { code: "Throttling", status: 400, message: "Rate exceeded" },
      times: 1,
    });
    const { response } = await assumeRole(stack(), undefined, {}, quickRetries());
    expect(response.$metadata.attempts).toBe(2);
    expect(stack().count("sts", "AssumeRoleWithWebIdentity")).toBe(2);
  });

  it("an IAM 500 is retried too", async () => {
    stack().inject({ service: "iam", fail: { code: "ServiceFailure", status: 500 }, times: 1 });
    const response = await new IAMClient({ credentials, ...quickRetries() }).send(new ListRolesCommand({}));
    expect(response.$metadata.attempts).toBe(2);
  });

  it("more failures than attempts: the last one reaches the caller, in the service's error shape", async () => {
    stack().inject({ service: "s3", fail: { code: "SlowDown", status: 503 }, times: 2 });
    const error = await failureOf(getTags(new S3Client({ credentials, ...quickRetries(2) })));
    expect(error.name).toBe("SlowDown");
    expect(statusOf(error)).toBe(503);
    // The fault is used up: the next request goes through.
    await expect(getTags()).resolves.toMatchObject({ $metadata: { attempts: 1 } });
  });

  it("Airplane's token endpoint: 503s are retried by the airplane SDK", async () => {
    stubAirplaneRun(stack(), { taskSlug: DEMO_TASK });
    stack().inject({
      service: "airplane",
      operation: "GenerateIdToken",
      fail: { code: "Unavailable", status: 503 },
      times: 2,
    });
    await expect(idToken("sts.amazonaws.com")).resolves.toMatch(/^ey/);
    expect(stack().count("airplane", "GenerateIdToken")).toBe(3);
  });
});

describe("STS failures of AssumeRoleWithWebIdentity", () => {
  it("IDPCommunicationError: the STS model marks it retryable, so the SDK retries it, then gives up", async () => {
    const fail = { code: "IDPCommunicationError", status: 400, message: "The identity provider could not be reached." };
    stack().inject({ service: "sts", operation: "AssumeRoleWithWebIdentity", fail, times: 1 });
    const { response } = await assumeRole(stack(), undefined, {}, quickRetries());
    expect(response.$metadata.attempts).toBe(2);

    stack().resetLog();
    stack().inject({ service: "sts", operation: "AssumeRoleWithWebIdentity", fail });
    const error = await failureOf(assumeRole(stack(), undefined, {}, quickRetries()));
    expect(error).toBeInstanceOf(IDPCommunicationErrorException);
    expect(stack().count("sts", "AssumeRoleWithWebIdentity")).toBe(3);
  });

  it('the intermittent "Couldn\'t retrieve verification key" InvalidIdentityToken', async () => {
    stack().inject({
      service: "sts",
      operation: "AssumeRoleWithWebIdentity",
      fail: {
        code: "InvalidIdentityToken",
        status: 400,
        message:
          "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
      },
      times: 1,
    });
    // Unlike IDPCommunicationError, the SDK does not retry it: a client (such as aws-auth) must.
    const error = await failureOf(assumeRole(stack()));
    expect(error).toBeInstanceOf(InvalidIdentityTokenException);
    expect(error.message).toMatch(/^Couldn't retrieve verification key/);
    expect(stack().count("sts", "AssumeRoleWithWebIdentity")).toBe(1);
    await expect(assumeRole(stack())).resolves.toBeDefined();
  });
});

describe("managing faults", () => {
  it("applies to every operation of a service when none is named, until removed or cleared", async () => {
    const fault = stack().inject({ service: "s3", fail: { code: "InternalError", status: 500 } });
    const client = new S3Client({ credentials, maxAttempts: 1 });
    expect((await failureOf(getTags(client))).name).toBe("InternalError");
    expect((await failureOf(getTags(client))).name).toBe("InternalError");
    fault.remove();
    await expect(getTags(client)).resolves.toBeDefined();

    stack().inject({ service: "s3", fail: { code: "InternalError", status: 500 } });
    stack().clearFaults();
    await expect(getTags(client)).resolves.toBeDefined();
  });

  it.each([
    [{ service: "ec2" as ServiceName, latencyMs: 1 }, /unknown service "ec2"/],
    [{ service: "s3" as ServiceName }, /needs latencyMs, fail, or both/],
    [{ service: "s3" as ServiceName, fail: { code: "X", status: 200 } }, /HTTP error status/],
    [{ service: "s3" as ServiceName, latencyMs: -1 }, /latencyMs must be 0 or more/],
    [{ service: "s3" as ServiceName, latencyMs: 1, times: 0 }, /times must be a positive whole number/],
  ])("refuses a fault that makes no sense: %o", (fault, message) => {
    expect(() => stack().inject(fault)).toThrow(message);
  });
});
