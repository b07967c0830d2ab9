import { idToken } from "airplane/auth";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it, vi } from "vitest";
import { DEMO_SUB, DEMO_TASK, failureOf, stubAirplaneRun, useLocalStack } from "./helpers";

const stack = useLocalStack({ idTokenLifetimeSeconds: 600 });

describe("Airplane's token API, through the airplane SDK", () => {
  it("issues an RS256 ID token with Airplane's claims, verifiable through discovery and the JWKS", async () => {
    const env = stubAirplaneRun(stack(), { taskSlug: DEMO_TASK });
    const token = await idToken("sts.amazonaws.com");

    const discovery = (await (await fetch(`${stack().urls.airplane}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(discovery.issuer).toBe("https://api.airplane.dev");
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: "https://api.airplane.dev",
      audience: "sts.amazonaws.com",
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      sub: DEMO_SUB,
      run_id: env.AIRPLANE_RUN_ID,
      task_id: env.AIRPLANE_TASK_ID,
      task_slug: DEMO_TASK,
      team_id: "tea20010101aaaaaaaaaa",
      env_id: env.AIRPLANE_ENV_ID,
      env_slug: "prod",
      runner_id: env.AIRPLANE_RUNNER_ID,
      runner_email: env.AIRPLANE_RUNNER_EMAIL,
      requester_id: env.AIRPLANE_REQUESTER_ID,
      requester_email: env.AIRPLANE_REQUESTER_EMAIL,
    });
    expect(payload.trigger_id).toMatch(/^trg\d{8}[a-z0-9]{10}$/);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
  });

  it("puts the asked audience in aud, and the run's team, env and task in sub", async () => {
    stubAirplaneRun(stack(), { taskSlug: "list_buckets", envSlug: "studio", teamId: "tea20990101bbbbbbbbbb" });
    const token = await idToken("my-api.example.com");
    const { payload } = await jwtVerify(
      token,
      createRemoteJWKSet(new URL(`${stack().urls.airplane}/.well-known/jwks`)),
    );
    expect(payload.aud).toBe("my-api.example.com");
    expect(payload.sub).toBe("team:tea20990101bbbbbbbbbb:env:studio:task:list_buckets");
  });

  it("records the sub and the audience asked for of each issued token, and never the token", async () => {
    stack().resetLog();
    stubAirplaneRun(stack(), { taskSlug: DEMO_TASK });
    const token = await idToken("sts.amazonaws.com");
    expect(stack().requests).toEqual([
      expect.objectContaining({
        service: "airplane",
        operation: "GenerateIdToken",
        status: 200,
        sub: DEMO_SUB,
        audience: "sts.amazonaws.com",
      }),
    ]);
    expect(JSON.stringify(stack().requests)).not.toContain(token);
  });

  it("refuses an unknown AIRPLANE_TOKEN with a 401 the SDK does not retry", async () => {
    stubAirplaneRun(stack(), { taskSlug: DEMO_TASK });
    vi.stubEnv("AIRPLANE_TOKEN", "a-token-this-host-never-issued");
    stack().resetLog();

    const error = await failureOf(idToken("sts.amazonaws.com"));

    expect(error.statusCode).toBe(401);
    expect(error.message).toMatch(/Invalid or expired AIRPLANE_TOKEN/);
    expect(error.message).not.toContain("a-token-this-host-never-issued");
    expect(stack().count("airplane", "GenerateIdToken")).toBe(1);
    expect(stack().requests[0]).toMatchObject({ status: 401, errorCode: "Unauthorized" });
  });

  it("answers a missing token or audience in Airplane's JSON error shape", async () => {
    const url = `${stack().urls.airplane}/v0/oidc/generateIDToken`;
    const noToken = await fetch(url, { method: "POST", body: JSON.stringify({ audience: "sts.amazonaws.com" }) });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({
      error: expect.stringMatching(/Missing X-Airplane-Token/) as unknown,
      code: "Unauthorized",
    });

    const env = stack().runEnv({ taskSlug: DEMO_TASK });
    const noAudience = await fetch(url, {
      method: "POST",
      headers: { "x-airplane-token": env.AIRPLANE_TOKEN ?? "" },
      body: JSON.stringify({}),
    });
    expect(noAudience.status).toBe(400);
    expect(await noAudience.json()).toMatchObject({ error: expect.stringMatching(/audience/) as unknown });
  });

  it("signs a foreign issuer's token with a key its own JWKS does not publish", async () => {
    stubAirplaneRun(stack(), { taskSlug: DEMO_TASK, idToken: { issuer: "https://idp.example.com" } });
    const token = await idToken("sts.amazonaws.com");
    const jwks = (await (await fetch(`${stack().urls.airplane}/.well-known/jwks`)).json()) as {
      keys: Array<{ kid: string }>;
    };
    expect(jwks.keys.map((key) => key.kid)).not.toContain(decodeProtectedHeader(token).kid);
  });
});

describe("runEnv", () => {
  it("hands out Airplane's run variables with a fresh opaque AIRPLANE_TOKEN per run, and the AWS settings", () => {
    const first = stack().runEnv({ taskSlug: DEMO_TASK });
    const second = stack().runEnv({ taskSlug: DEMO_TASK });

    expect(first).toMatchObject({
      AIRPLANE_API_HOST: stack().urls.airplane,
      AIRPLANE_RUNTIME: "standard",
      AIRPLANE_TASK_SLUG: DEMO_TASK,
      AIRPLANE_TEAM_ID: "tea20010101aaaaaaaaaa",
      AIRPLANE_ENV_SLUG: "prod",
      AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/add_s3_bucket_tag",
      ...stack().awsEnv(),
    });
    expect(first.AIRPLANE_RUN_ID).toMatch(/^run\d{8}[a-z0-9]{10}$/);
    expect(first.AIRPLANE_TOKEN).toMatch(/^[\w-]{40,}$/);
    expect(first.AIRPLANE_TOKEN).not.toContain(first.AIRPLANE_RUN_ID);
    expect(second.AIRPLANE_TOKEN).not.toBe(first.AIRPLANE_TOKEN);
    expect(second.AIRPLANE_RUN_ID).not.toBe(first.AIRPLANE_RUN_ID);
    // Team, env and task IDs stay the same from run to run.
    expect(second.AIRPLANE_ENV_ID).toBe(first.AIRPLANE_ENV_ID);
    expect(second.AIRPLANE_TASK_ID).toBe(first.AIRPLANE_TASK_ID);
  });

  it("points AWS_ROLE_ARN at the role named, or at the task's", () => {
    expect(stack().runEnv({ taskSlug: "other", roleName: DEMO_TASK }).AWS_ROLE_ARN).toBe(
      "arn:aws:iam::123456789012:role/add_s3_bucket_tag",
    );
    expect(stack().runEnv({ taskSlug: "no_such_role" }).AWS_ROLE_ARN).toBe(
      "arn:aws:iam::123456789012:role/no_such_role",
    );
  });

  it("gives the AWS SDK endpoints, the region, the *.localhost preload, and keeps proxies away", () => {
    const env = stack().awsEnv();
    expect(env).toEqual({
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL_STS: stack().urls.sts,
      AWS_ENDPOINT_URL_S3: stack().urls.s3,
      AWS_ENDPOINT_URL_S3_CONTROL: stack().urls.s3Control,
      AWS_ENDPOINT_URL_IAM: stack().urls.iam,
      AWS_ENDPOINT_URL_ORGANIZATIONS: stack().urls.organizations,
      NODE_OPTIONS: expect.stringMatching(/^--require \/.*\/tooling\/local-stack\/resolve-localhost\.cjs$/) as unknown,
      NO_PROXY: "127.0.0.1,localhost,.localhost",
      no_proxy: "127.0.0.1,localhost,.localhost",
    });
    expect(stack().urls.s3Control).toMatch(/^http:\/\/localhost:\d+$/);
    for (const name of ["airplane", "sts", "s3", "iam", "organizations"] as const) {
      expect(stack().urls[name]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
  });
});
