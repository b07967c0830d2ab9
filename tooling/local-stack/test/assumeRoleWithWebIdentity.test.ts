import {
  AssumeRoleWithWebIdentityCommand,
  ExpiredTokenException,
  GetCallerIdentityCommand,
  IDPCommunicationErrorException,
  InvalidIdentityTokenException,
  STSClient,
} from "@aws-sdk/client-sts";
import { idToken } from "airplane/auth";
import { describe, expect, it } from "vitest";
import { demoConfig, type LocalStackConfig } from "../src/index";
import {
  assumeRole,
  expectLifetime,
  DEMO_SUB,
  DEMO_TASK,
  failureOf,
  statusOf,
  stubAirplaneRun,
  tamper,
  useLocalStack,
} from "./helpers";

function configWithLongSessionRole(): LocalStackConfig {
  const config = demoConfig();
  const [role] = config.roles;
  if (!role) throw new Error("demoConfig has no role");
  config.roles.push({ ...role, name: "long_sessions", maxSessionDurationSeconds: 7200 });
  return config;
}

const stack = useLocalStack({ config: configWithLongSessionRole() });

/** A token for a run, and the raw STS call with it, so each test can vary one parameter. */
async function callSts(
  run: Parameters<typeof stubAirplaneRun>[1],
  parameters: { RoleSessionName?: string; DurationSeconds?: number; RoleArn?: string } = {},
) {
  const env = stubAirplaneRun(stack(), run);
  const token = await idToken("sts.amazonaws.com");
  return new STSClient({}).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: env.AWS_ROLE_ARN,
      RoleSessionName: "run-session",
      WebIdentityToken: token,
      ...parameters,
    }),
  );
}

describe("AssumeRoleWithWebIdentity: the demo role for its own task", () => {
  it("issues temporary credentials for the assumed role session", async () => {
    const before = Date.now();
    const { credentials, response } = await assumeRole(stack(), { taskSlug: DEMO_TASK }, { roleSessionName: "run1" });

    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.secretAccessKey).toHaveLength(40);
    expect(credentials.sessionToken.length).toBeGreaterThan(100);
    expectLifetime(credentials.expiration, 3600, before, Date.now());
    expect(response.AssumedRoleUser?.Arn).toBe("arn:aws:sts::123456789012:assumed-role/add_s3_bucket_tag/run1");
    expect(response.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:run1$/);
    expect(response.SubjectFromWebIdentityToken).toBe(DEMO_SUB);
    expect(response.Audience).toBe("sts.amazonaws.com");
    expect(response.Provider).toBe("https://api.airplane.dev");
  });

  it("lets GetCallerIdentity, which needs no permission, name the session", async () => {
    const { credentials } = await assumeRole(stack(), { taskSlug: DEMO_TASK }, { roleSessionName: "who-am-i" });
    const identity = await new STSClient({ credentials }).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: "123456789012",
      Arn: "arn:aws:sts::123456789012:assumed-role/add_s3_bucket_tag/who-am-i",
      UserId: expect.stringMatching(/^AROA[A-Z2-7]{17}:who-am-i$/) as unknown,
    });
  });

  it("verifies the signature against the JWKS it fetches from the provider through discovery", async () => {
    stack().resetLog();
    await assumeRole(stack());
    const operations = stack().requests.map((entry) => `${entry.service}:${entry.operation}`);
    expect(operations).toEqual([
      "airplane:GenerateIdToken",
      "airplane:GetOpenIdConfiguration",
      "airplane:GetJwks",
      "sts:AssumeRoleWithWebIdentity",
    ]);
  });

  it("honours DurationSeconds up to the role's maximum session duration", async () => {
    const before = Date.now();
    const { credentials } = await assumeRole(
      stack(),
      { taskSlug: DEMO_TASK, roleName: "long_sessions" },
      { durationSeconds: 7200 },
    );
    expectLifetime(credentials.expiration, 7200, before, Date.now());
  });
});

describe("AssumeRoleWithWebIdentity: the trust policy", () => {
  it.each([
    ["another task", { taskSlug: "delete_buckets", roleName: DEMO_TASK }],
    ["another env (airplane dev's studio)", { taskSlug: DEMO_TASK, envSlug: "studio" }],
    ["another team", { taskSlug: DEMO_TASK, teamId: "tea20990101zzzzzzzzzz" }],
    ["a role that does not exist", { taskSlug: DEMO_TASK, roleName: "no_such_role" }],
  ])("refuses %s with AccessDenied", async (_label, run) => {
    const error = await failureOf(callSts(run));
    expect(error.name).toBe("AccessDenied");
    expect(error.message).toBe("Not authorized to perform sts:AssumeRoleWithWebIdentity");
    expect(statusOf(error)).toBe(403);
  });

  it("refuses a role in another account with AccessDenied", async () => {
    const error = await failureOf(
      callSts({ taskSlug: DEMO_TASK }, { RoleArn: "arn:aws:iam::210987654321:role/add_s3_bucket_tag" }),
    );
    expect(error.name).toBe("AccessDenied");
  });
});

describe("AssumeRoleWithWebIdentity: the token", () => {
  it("refuses an issuer that is not a registered OIDC provider", async () => {
    const error = await failureOf(callSts({ taskSlug: DEMO_TASK, idToken: { issuer: "https://idp.example.com" } }));
    expect(error).toBeInstanceOf(InvalidIdentityTokenException);
    expect(error.message).toBe("No OpenIDConnect provider found in your account for https://idp.example.com");
    expect(statusOf(error)).toBe(400);
  });

  // Signed with the provider's published key, so only the issuer's spelling can refuse them.
  it.each(["https://api.airplane.dev/", "api.airplane.dev", "http://api.airplane.dev", "https://API.airplane.dev"])(
    "matches iss with the provider's URL exactly, refusing %s",
    async (issuer) => {
      const error = await failureOf(callSts({ taskSlug: DEMO_TASK, idToken: { issuer, signingKey: "issuer" } }));
      expect(error).toBeInstanceOf(InvalidIdentityTokenException);
      expect(error.message).toBe(`No OpenIDConnect provider found in your account for ${issuer}`);
    },
  );

  it("refuses a token without exp, which would never expire", async () => {
    const error = await failureOf(callSts({ taskSlug: DEMO_TASK, idToken: { withoutExpiry: true } }));
    expect(error).toBeInstanceOf(InvalidIdentityTokenException);
    expect(error.message).toMatch(/"exp"/);
  });

  it("refuses an audience that is not among the provider's client IDs", async () => {
    const error = await failureOf(callSts({ taskSlug: DEMO_TASK, idToken: { audience: "my-api.example.com" } }));
    expect(error).toBeInstanceOf(InvalidIdentityTokenException);
    expect(error.message).toBe("Incorrect token audience");
  });

  it("refuses an expired token with ExpiredTokenException", async () => {
    const error = await failureOf(callSts({ taskSlug: DEMO_TASK, idToken: { lifetimeSeconds: -30 } }));
    expect(error).toBeInstanceOf(ExpiredTokenException);
    expect(error.message).toMatch(
      /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/,
    );
  });

  it("cannot verify a token signed with a key the provider's JWKS does not publish", async () => {
    const error = await failureOf(callSts({ taskSlug: DEMO_TASK, idToken: { signingKey: "unpublished-key" } }));
    expect(error).toBeInstanceOf(InvalidIdentityTokenException);
    expect(error.message).toMatch(/^Couldn't retrieve verification key from your identity provider/);
  });

  it("refuses a token whose signature was tampered with", async () => {
    stubAirplaneRun(stack(), { taskSlug: DEMO_TASK });
    const [header, payload, signature = ""] = (await idToken("sts.amazonaws.com")).split(".");
    const flipped = tamper(signature, 10);
    const error = await failureOf(
      new STSClient({}).send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: stack().roleArn(DEMO_TASK),
          RoleSessionName: "tampered",
          WebIdentityToken: `${header}.${payload}.${flipped}`,
        }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidIdentityTokenException);
    expect(error.message).toMatch(/signature is invalid/);
  });

  it("refuses a token that is not a JWT", async () => {
    const error = await failureOf(
      new STSClient({}).send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: stack().roleArn(DEMO_TASK),
          RoleSessionName: "garbage",
          WebIdentityToken: "not-a-jwt-at-all",
        }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidIdentityTokenException);
  });

  it("answers IDPCommunicationError when the provider's JWKS cannot be fetched", async () => {
    stack().inject({ service: "airplane", operation: "GetJwks", fail: { code: "ServiceUnavailable", status: 503 } });
    const error = await failureOf(callSts({ taskSlug: DEMO_TASK }));
    expect(error).toBeInstanceOf(IDPCommunicationErrorException);
    expect(statusOf(error)).toBe(400);
  });

  it("answers IDPCommunicationError when the discovery document cannot be fetched", async () => {
    stack().inject({ service: "airplane", operation: "GetOpenIdConfiguration", fail: { code: "Boom", status: 500 } });
    const error = await failureOf(callSts({ taskSlug: DEMO_TASK }));
    expect(error).toBeInstanceOf(IDPCommunicationErrorException);
  });
});

describe("AssumeRoleWithWebIdentity: parameters STS validates", () => {
  it.each([
    ["a one-character session name", { RoleSessionName: "a" }, /'a' at 'roleSessionName'.*greater than or equal to 2/],
    [
      "a 65-character session name",
      { RoleSessionName: "s".repeat(65) },
      /at 'roleSessionName'.*less than or equal to 64/,
    ],
    ["a session name with a space", { RoleSessionName: "my session" }, /regular expression pattern: \[\\w\+=,\.@-\]\*/],
    ["DurationSeconds under 900", { DurationSeconds: 899 }, /'899' at 'durationSeconds'.*greater than or equal to 900/],
    [
      "DurationSeconds over 43200",
      { DurationSeconds: 43201 },
      /'43201' at 'durationSeconds'.*less than or equal to 43200/,
    ],
  ])("refuses %s with ValidationError", async (_label, parameters, message) => {
    const error = await failureOf(callSts({ taskSlug: DEMO_TASK }, parameters));
    expect(error.name).toBe("ValidationError");
    expect(error.message).toMatch(/^1 validation error detected: /);
    expect(error.message).toMatch(message);
    expect(statusOf(error)).toBe(400);
  });

  it("refuses DurationSeconds over the role's maximum session duration", async () => {
    const error = await failureOf(callSts({ taskSlug: DEMO_TASK }, { DurationSeconds: 7200 }));
    expect(error.name).toBe("ValidationError");
    expect(error.message).toBe("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  });

  it("lists every violation at once", async () => {
    const error = await failureOf(callSts({ taskSlug: DEMO_TASK }, { RoleSessionName: "a", DurationSeconds: 10 }));
    expect(error.message).toMatch(/^2 validation errors detected: .*roleSessionName.*; .*durationSeconds/);
  });
});
