import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import {
  AssumeRoleWithWebIdentityCommand,
  ExpiredTokenException,
  IDPCommunicationErrorException,
  InvalidIdentityTokenException,
  RegionDisabledException,
  STSClient,
  STSServiceException,
} from "@aws-sdk/client-sts";
import { HttpResponse } from "@smithy/protocol-http";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CredentialCache } from "../src/credentialCache";
import { AwsAuthError, fromTaskRole, type TaskRoleOptions } from "../src/index";
import { CANARY, expectNoSecrets, idToken, ROLE_ARN, stsCredentials } from "./fixtures";

const sts = mockClient(STSClient);
const HOUR = 60 * 60 * 1000;

let getIdToken: ReturnType<typeof vi.fn<(audience: string) => Promise<string>>>;
let init: TaskRoleOptions;

beforeEach(() => {
  sts.reset();
  getIdToken = vi.fn(async () => idToken());
  init = {
    getIdToken,
    cache: new CredentialCache(),
    retryPolicy: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 },
  };
  stubEnv(RUN_ENV);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const RUN_ENV = {
  AWS_ROLE_ARN: ROLE_ARN,
  AWS_REGION: "eu-west-1",
  AIRPLANE_RUN_ID: "run20260101abcdefgh",
  AIRPLANE_TASK_SLUG: "add_s3_bucket_tag",
  AWS_ROLE_SESSION_NAME: undefined,
};

function stubEnv(env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

/** An S3 client that signs real requests with the provider and answers them locally. */
function s3ClientWith(credentials: ReturnType<typeof fromTaskRole>, seenAuthorization: string[]) {
  return new S3Client({
    region: "eu-west-1",
    credentials,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        seenAuthorization.push(request.headers.authorization ?? "");
        const body = "<ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>";
        return { response: new HttpResponse({ statusCode: 200, headers: {}, body: Buffer.from(body) }) };
      },
    },
  });
}

describe("one exchange per role per process", () => {
  it("serves N clients and M calls with one token fetch and one STS call", async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves(stsCredentials(new Date(Date.now() + HOUR)));
    const seenAuthorization: string[] = [];
    const clients = [1, 2, 3].map(() => s3ClientWith(fromTaskRole(init), seenAuthorization));

    for (const client of clients) for (let call = 0; call < 5; call++) await client.send(new ListBucketsCommand({}));

    expect(seenAuthorization).toHaveLength(15);
    expect(seenAuthorization.every((header) => header.includes("Credential=ASIATESTKEY/"))).toBe(true);
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
    expect(getIdToken).toHaveBeenCalledTimes(1);
    expect(getIdToken).toHaveBeenCalledWith("sts.amazonaws.com");
  });

  it("coalesces concurrent first calls into one exchange", async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return stsCredentials(new Date(Date.now() + HOUR));
    });
    const providers = Array.from({ length: 5 }, () => fromTaskRole(init));

    const results = await Promise.all(providers.flatMap((provider) => [provider(), provider(), provider()]));

    expect(new Set(results.map((credentials) => credentials.accessKeyId))).toEqual(new Set(["ASIATESTKEY"]));
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
    expect(getIdToken).toHaveBeenCalledTimes(1);
  });

  it("keeps separate sessions for separate roles", async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves(stsCredentials(new Date(Date.now() + HOUR)));
    await fromTaskRole(init)();
    await fromTaskRole({ ...init, roleArn: "arn:aws:iam::123456789012:role/other" })();
    await fromTaskRole(init)();

    const roles = sts.commandCalls(AssumeRoleWithWebIdentityCommand).map((call) => call.args[0].input.RoleArn);
    expect(roles).toEqual([ROLE_ARN, "arn:aws:iam::123456789012:role/other"]);
  });

  it("sends the run's session name, the duration and the token to STS", async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves(stsCredentials(new Date(Date.now() + HOUR)));
    const credentials = await fromTaskRole({ ...init, durationSeconds: 900 })();

    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)[0]?.args[0].input).toEqual({
      RoleArn: ROLE_ARN,
      RoleSessionName: "run20260101abcdefgh.add_s3_bucket_tag",
      WebIdentityToken: idToken(),
      DurationSeconds: 900,
    });
    expect(credentials.accountId).toBe("123456789012");
  });

  it("sends a session policy to STS, and refuses one STS would refuse before any call", async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves(stsCredentials(new Date(Date.now() + HOUR)));
    const policy = { Statement: [{ Effect: "Allow", Action: "s3:GetBucketTagging", Resource: "*" }] };
    await fromTaskRole({ ...init, policy, policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] })();

    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)[0]?.args[0].input).toMatchObject({
      Policy: JSON.stringify(policy),
      PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
    });
    const tooMany = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`);
    await expect(fromTaskRole({ ...init, policyArns: tooMany })()).rejects.toThrow(/STS takes at most 10/);
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
  });
});

describe("renewal", () => {
  it("reuses credentials until five minutes before expiry, then renews them with a fresh token", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-25T10:00:00Z") });
    const tokens = [idToken({}, "FIRST-SIGNATURE"), idToken({}, "SECOND-SIGNATURE")];
    getIdToken.mockImplementation(async () => tokens[getIdToken.mock.calls.length - 1] ?? "unexpected");
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .resolvesOnce(stsCredentials(new Date("2026-11-25T11:00:00Z"), "1"))
      .resolvesOnce(stsCredentials(new Date("2026-11-25T12:00:00Z"), "2"));
    const provider = fromTaskRole(init);

    expect((await provider()).accessKeyId).toBe("ASIATESTKEY1");
    vi.setSystemTime(new Date("2026-11-25T10:54:59Z"));
    expect((await provider()).accessKeyId).toBe("ASIATESTKEY1");
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);

    vi.setSystemTime(new Date("2026-11-25T10:55:01Z"));
    expect((await provider()).accessKeyId).toBe("ASIATESTKEY2");
    const sentTokens = sts.commandCalls(AssumeRoleWithWebIdentityCommand).map((c) => c.args[0].input.WebIdentityToken);
    expect(sentTokens).toEqual(tokens);
  });
});

function stsError(name: string, message: string, httpStatusCode: number) {
  return new STSServiceException({
    name,
    message,
    $fault: httpStatusCode >= 500 ? "server" : "client",
    $metadata: { httpStatusCode },
  });
}

const accessDenied = () => stsError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403);

async function failure(promise: Promise<unknown>): Promise<AwsAuthError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AwsAuthError);
  expectNoSecrets(error);
  return error as AwsAuthError;
}

describe("errors a user can act on", () => {
  it("explains a trust policy mismatch with the role, the token's claims and the condition keys", async () => {
    const denied = accessDenied();
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(denied);

    const error = await failure(fromTaskRole(init)());

    expect(error.code).toBe("TrustPolicyRejected");
    expect(error.cause).toBe(denied);
    expect(error.message).toContain(ROLE_ARN);
    expect(error.message).toContain('iss "https://api.airplane.dev"');
    expect(error.message).toContain('aud "sts.amazonaws.com"');
    expect(error.message).toContain('sub "team:tea20010101aaaaaaaaaa:env:prod:task:add_s3_bucket_tag"');
    expect(error.message).toContain('"api.airplane.dev:aud"');
    expect(error.message).toContain('"api.airplane.dev:sub"');
  });

  it("explains an unknown issuer or audience", async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(
        new InvalidIdentityTokenException({ message: "Incorrect token audience", $metadata: { httpStatusCode: 400 } }),
      );
    const error = await failure(fromTaskRole({ ...init, audience: "my-audience" })());

    expect(error.code).toBe("InvalidIdentityToken");
    expect(error.message).toContain("IAM OIDC provider for https://api.airplane.dev");
    expect(error.message).toContain('include "my-audience"');
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
  });

  it("fetches a fresh token for each attempt while STS says the token expired, then says so", async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(new ExpiredTokenException({ message: "Token expired", $metadata: { httpStatusCode: 400 } }));
    const error = await failure(fromTaskRole(init)());

    expect(error.code).toBe("ExpiredToken");
    expect(getIdToken).toHaveBeenCalledTimes(4);
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(4);
  });

  it("explains a region where STS is disabled", async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(new RegionDisabledException({ message: "STS is not activated", $metadata: { httpStatusCode: 403 } }));
    const error = await failure(fromTaskRole(init)());

    expect(error.code).toBe("RegionDisabled");
    expect(error.message).toContain("region eu-west-1");
  });

  it.each([
    [{ AWS_ROLE_ARN: undefined }, /AWS_ROLE_ARN is not set.*envVars/],
    [{ AWS_ROLE_ARN: "my-role" }, /"my-role" is not an IAM role ARN/],
    [{ AWS_REGION: undefined }, /AWS_REGION is not set/],
    [{ AWS_REGION: "Europe" }, /"Europe" is not an AWS region/],
    [{ AWS_ROLE_SESSION_NAME: "has spaces" }, /"has spaces" is not a valid STS role session name/],
  ])("rejects bad configuration %o before any call", async (override, message) => {
    stubEnv(override);
    const error = await failure(fromTaskRole(init)());

    expect(error.code).toBe("InvalidConfiguration");
    expect(error.message).toMatch(message);
    expect(getIdToken).not.toHaveBeenCalled();
    expect(sts.calls()).toHaveLength(0);
  });

  it.each([899, 43201, 1000.5])("rejects durationSeconds %d", async (durationSeconds) => {
    const error = await failure(fromTaskRole({ ...init, durationSeconds })());
    expect(error.message).toMatch(/900 \(15 minutes\) to 43200/);
  });
});

describe("retries by error class", () => {
  const transient: Array<[string, () => Error]> = [
    [
      "IDPCommunicationError",
      () => new IDPCommunicationErrorException({ message: "IdP down", $metadata: { httpStatusCode: 400 } }),
    ],
    ["throttling", () => stsError("Throttling", "Rate exceeded", 400)],
    ["a 503", () => stsError("ServiceUnavailable", "Service unavailable", 503)],
    ["a reset connection", () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })],
  ];

  it.each(transient)("retries %s and succeeds with the same token", async (_label, makeError) => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejectsOnce(makeError())
      .rejectsOnce(makeError())
      .resolves(stsCredentials(new Date(Date.now() + HOUR)));

    const credentials = await fromTaskRole(init)();

    expect(credentials.accessKeyId).toBe("ASIATESTKEY");
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(3);
    expect(getIdToken).toHaveBeenCalledTimes(1);
  });

  it("retries the intermittent verification-key failure with a fresh token", async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejectsOnce(
        new InvalidIdentityTokenException({
          message: "Couldn't retrieve verification key from your identity provider",
          $metadata: { httpStatusCode: 400 },
        }),
      )
      .resolves(stsCredentials(new Date(Date.now() + HOUR)));

    await fromTaskRole(init)();

    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(2);
    expect(getIdToken).toHaveBeenCalledTimes(2);
  });

  it.each([
    ["AccessDenied", accessDenied],
    ["ValidationError", () => stsError("ValidationError", "1 validation error detected", 400)],
  ])("fails at once on %s", async (_label, makeError) => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(makeError());
    await failure(fromTaskRole(init)());
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
  });

  it("gives up after the last attempt and says how many were made", async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(stsError("InternalFailure", "We encountered an internal error", 500));
    const error = await failure(fromTaskRole(init)());

    expect(error.code).toBe("StsRequestFailed");
    expect(error.message).toContain("after 4 attempts");
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(4);
  });

  it("does not retry when Airplane will not issue a token", async () => {
    getIdToken.mockRejectedValue(new AwsAuthError("IdTokenUnavailable", "no token"));
    const error = await failure(fromTaskRole(init)());

    expect(error.code).toBe("IdTokenUnavailable");
    expect(getIdToken).toHaveBeenCalledTimes(1);
    expect(sts.calls()).toHaveLength(0);
  });
});

describe("secrets", () => {
  it("never puts the token or the credentials in an error, whatever STS answers", async () => {
    // A token from an earlier attempt, not the one just sent: every token must go, not only the last.
    const token = idToken({ iat: 1 });
    const echoes = [
      accessDenied(),
      stsError("InvalidIdentityToken", `Bad token ${token}`, 400),
      stsError("InternalFailure", "boom", 500),
    ];
    for (const error of echoes) {
      sts.reset();
      sts.on(AssumeRoleWithWebIdentityCommand).rejects(error);
      const caught = await failure(fromTaskRole({ ...init, cache: new CredentialCache() })());
      expect(caught.message).not.toContain(CANARY.tokenSignature);
    }
  });
});
