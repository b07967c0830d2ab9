import {
  AssumeRoleWithWebIdentityCommand,
  IDPCommunicationErrorException,
  InvalidIdentityTokenException,
  STSClient,
} from "@aws-sdk/client-sts";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it, vi } from "vitest";
import { DEMO_GITHUB, demoConfig, type GithubJobOptions, type LocalStack, type LocalStackConfig } from "../src/index";
import {
  DEMO_TASK,
  expectNoSecrets,
  failureOf,
  githubIdToken,
  statusOf,
  stubGithubJob,
  useLocalStack,
} from "./helpers";

const ISSUER = "https://token.actions.githubusercontent.com";
const IMMUTABLE_SUB = "repo:acme@1234567/aws-tasks@987654321:environment:task-add_s3_bucket_tag";
const NAME_SUB = "repo:acme/aws-tasks:environment:task-add_s3_bucket_tag";
const DEMO_JOB: GithubJobOptions = { environment: `task-${DEMO_TASK}`, roleName: DEMO_TASK };

/** getIDToken in a job's step, then AssumeRoleWithWebIdentity with the real STS client, as a task would. */
async function assumeRoleWithJobToken(env: Record<string, string>) {
  const { token } = await githubIdToken("sts.amazonaws.com");
  return new STSClient({}).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: env.AWS_ROLE_ARN,
      RoleSessionName: `github-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT}`,
      WebIdentityToken: token,
    }),
  );
}

const assumeRoleAsJob = (stack: LocalStack, job: GithubJobOptions = DEMO_JOB) =>
  assumeRoleWithJobToken(stubGithubJob(stack, job));

describe("GitHub's token endpoint and issuer, through @actions/core", () => {
  const stack = useLocalStack();

  it("issues an RS256 token with GitHub's claims, verifiable through GitHub's discovery document and JWKS", async () => {
    const env = stubGithubJob(stack(), DEMO_JOB);
    const { token } = await githubIdToken("sts.amazonaws.com");

    const discovery = (await (await fetch(`${stack().urls.github}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
      claims_supported: string[];
    };
    expect(discovery.issuer).toBe(ISSUER);
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(["repository_id", "job_workflow_ref", "jti"]));
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: ISSUER,
      audience: "sts.amazonaws.com",
    });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    const workflowRef = "acme/aws-tasks/.github/workflows/task-add_s3_bucket_tag.yml@refs/heads/main";
    expect(payload).toEqual({
      iss: ISSUER,
      aud: "sts.amazonaws.com",
      sub: IMMUTABLE_SUB,
      iat: expect.any(Number) as unknown,
      nbf: expect.any(Number) as unknown,
      exp: expect.any(Number) as unknown,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      actor: "octocat",
      actor_id: env.GITHUB_ACTOR_ID,
      base_ref: "",
      check_run_id: expect.stringMatching(/^\d+$/) as unknown,
      environment: "task-add_s3_bucket_tag",
      event_name: "workflow_dispatch",
      head_ref: "",
      job_workflow_ref: workflowRef,
      job_workflow_sha: env.GITHUB_SHA,
      ref: "refs/heads/main",
      ref_protected: "false",
      ref_type: "branch",
      repository: "acme/aws-tasks",
      repository_id: "987654321",
      repository_owner: "acme",
      repository_owner_id: "1234567",
      repository_visibility: "private",
      run_attempt: "1",
      run_id: env.GITHUB_RUN_ID,
      run_number: env.GITHUB_RUN_NUMBER,
      runner_environment: "github-hosted",
      sha: env.GITHUB_SHA,
      workflow: ".github/workflows/task-add_s3_bucket_tag.yml",
      workflow_ref: workflowRef,
      workflow_sha: env.GITHUB_SHA,
    });
    // As GitHub's: valid from five minutes before issue, for five minutes after.
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
    expect((payload.iat ?? 0) - (payload.nbf ?? 0)).toBe(300);
  });

  it("puts the repository owner's URL in aud when no audience is asked for, as GitHub does", async () => {
    stubGithubJob(stack(), DEMO_JOB);
    const { token } = await githubIdToken();
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${stack().urls.github}/.well-known/jwks`)));
    expect(payload.aud).toBe("https://github.com/acme");
  });

  it("logs each request as the github service, GetIdToken with the sub and audience, and never the bearer or the token", async () => {
    stack().resetLog();
    const env = stubGithubJob(stack(), DEMO_JOB);
    const { token } = await githubIdToken("sts.amazonaws.com");
    expect(stack().requests).toEqual([
      expect.objectContaining({
        service: "github",
        operation: "GetIdToken",
        status: 200,
        sub: IMMUTABLE_SUB,
        audience: "sts.amazonaws.com",
      }),
    ]);
    expectNoSecrets([token, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ""], stack().requests);
  });

  it("refuses a missing bearer token with a 401", async () => {
    const env = stack().githubJobEnv(DEMO_JOB);
    const response = await fetch(`${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      message: expect.stringMatching(/no bearer token.*id-token: write/) as unknown,
      code: "Unauthorized",
    });
  });

  it("refuses an unknown bearer token with a 401 that @actions/core does not retry, and never repeats it", async () => {
    const canary = "CANARY-ACTIONS-ID-TOKEN-REQUEST-TOKEN-5e4d3c";
    stubGithubJob(stack(), DEMO_JOB);
    vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", canary);
    stack().resetLog();

    const error = await failureOf(githubIdToken("sts.amazonaws.com"));

    expect(error.message).toMatch(/Error Code : 401[\s\S]*belongs to no job of this host/);
    expect(stack().count("github", "GetIdToken")).toBe(1);
    expect(stack().requests[0]).toMatchObject({ status: 401, errorCode: "Unauthorized" });
    expectNoSecrets([canary], error, stack().requests);
  });

  it("refuses another job's bearer token on this job's URL", async () => {
    const other = stack().githubJobEnv(DEMO_JOB);
    stubGithubJob(stack(), DEMO_JOB);
    vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", other.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    const error = await failureOf(githubIdToken("sts.amazonaws.com"));
    expect(error.message).toMatch(/Error Code : 401[\s\S]*not valid for this job/);
  });

  it("leaves out the token variables for a job without id-token: write, as GitHub does", async () => {
    const env = stubGithubJob(stack(), { ...DEMO_JOB, idTokenPermission: false });
    expect(env).not.toHaveProperty("ACTIONS_ID_TOKEN_REQUEST_URL");
    expect(env).not.toHaveProperty("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    // As absent as in the job, even when these tests run in a GitHub job that has the permission.
    vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_URL", undefined);
    vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", undefined);
    const error = await failureOf(githubIdToken("sts.amazonaws.com"));
    expect(error.message).toMatch(/Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable/);
  });

  it("takes injected faults like the other services: @actions/core retries a 503", async () => {
    stubGithubJob(stack(), DEMO_JOB);
    stack().resetLog();
    const fault = stack().inject({
      service: "github",
      operation: "GetIdToken",
      fail: { code: "ServiceUnavailable", status: 503 },
      times: 2,
    });
    await githubIdToken("sts.amazonaws.com");
    expect(fault.hits).toBe(2);
    expect(stack().requests.map((entry) => [entry.status, entry.injected ?? false])).toEqual([
      [503, true],
      [503, true],
      [200, false],
    ]);
  });

  it("lists each job's request token and each ID token it issued among its secrets, for tests that search outputs", async () => {
    const env = stubGithubJob(stack(), DEMO_JOB);
    const { token } = await githubIdToken("sts.amazonaws.com");
    expect(stack().issuedSecrets()).toEqual(expect.arrayContaining([env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, token]));
  });

  it("hands out the runner's variables for a job, with a new run and request token each time, and no AWS keys", () => {
    const first = stack().githubJobEnv(DEMO_JOB);
    const second = stack().githubJobEnv({ ...DEMO_JOB, actor: "mona" });
    expect(first).toEqual({
      ...stack().awsEnv(),
      AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/add_s3_bucket_tag",
      GITHUB_ACTIONS: "true",
      CI: "true",
      GITHUB_RUN_ID: expect.stringMatching(/^[1-9]\d{10}$/) as unknown,
      GITHUB_RUN_NUMBER: expect.stringMatching(/^\d+$/) as unknown,
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_REPOSITORY: "acme/aws-tasks",
      GITHUB_REPOSITORY_ID: "987654321",
      GITHUB_REPOSITORY_OWNER: "acme",
      GITHUB_REPOSITORY_OWNER_ID: "1234567",
      GITHUB_ACTOR: "octocat",
      GITHUB_ACTOR_ID: "583231",
      GITHUB_WORKFLOW: ".github/workflows/task-add_s3_bucket_tag.yml",
      GITHUB_WORKFLOW_REF: "acme/aws-tasks/.github/workflows/task-add_s3_bucket_tag.yml@refs/heads/main",
      GITHUB_REF: "refs/heads/main",
      GITHUB_SHA: expect.stringMatching(/^[0-9a-f]{40}$/) as unknown,
      GITHUB_JOB: "run",
      GITHUB_EVENT_NAME: "workflow_dispatch",
      RUNNER_ENVIRONMENT: "github-hosted",
      ACTIONS_ID_TOKEN_REQUEST_URL: expect.stringMatching(
        new RegExp(
          `^${stack().urls.github}/_apis/distributedtask/hubs/Actions/plans/[0-9a-f-]{36}/jobs/[0-9a-f-]{36}/idtoken\\?api-version=2\\.0$`,
        ),
      ) as unknown,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: expect.stringMatching(/^[\w-]{40,}$/) as unknown,
    });
    expect(second.GITHUB_RUN_ID).not.toBe(first.GITHUB_RUN_ID);
    expect(second.ACTIONS_ID_TOKEN_REQUEST_TOKEN).not.toBe(first.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    expect(second).toMatchObject({
      GITHUB_ACTOR: "mona",
      GITHUB_ACTOR_ID: expect.stringMatching(/^\d{8}$/) as unknown,
    });
    expect(stack().issuedSecrets()).toEqual(
      expect.arrayContaining([first.ACTIONS_ID_TOKEN_REQUEST_TOKEN, second.ACTIONS_ID_TOKEN_REQUEST_TOKEN]),
    );
  });
});

describe("STS trusting GitHub's provider", () => {
  const stack = useLocalStack();

  it("issues credentials to the task's job, with the token's sub and GitHub's issuer", async () => {
    const response = await assumeRoleAsJob(stack());
    expect(response.SubjectFromWebIdentityToken).toBe(IMMUTABLE_SUB);
    expect(response.Provider).toBe(ISSUER);
    expect(response.AssumedRoleUser?.Arn).toMatch(
      /^arn:aws:sts::123456789012:assumed-role\/add_s3_bucket_tag\/github-\d{11}-1$/,
    );
  });

  it("refuses another task's environment", async () => {
    const error = await failureOf(
      assumeRoleAsJob(stack(), { environment: "task-delete_buckets", roleName: DEMO_TASK }),
    );
    expect(error.name).toBe("AccessDenied");
    expect(statusOf(error)).toBe(403);
  });

  it("answers IDPCommunicationError when GitHub's JWKS cannot be fetched", async () => {
    stack().inject({ service: "github", operation: "GetJwks", fail: { code: "ServiceUnavailable", status: 503 } });
    const error = await failureOf(assumeRoleAsJob(stack()));
    expect(error).toBeInstanceOf(IDPCommunicationErrorException);
  });
});

/** The demo config with the repository's subject in the name-only form, and a role trusting each form. */
function configWithBothForms(): LocalStackConfig {
  const config = demoConfig();
  config.github = { ...DEMO_GITHUB, subjectForm: "name" };
  const trusting = (name: string, sub: string) => ({
    name,
    trustPolicy: {
      Version: "2012-10-17" as const,
      Statement: [
        {
          Effect: "Allow" as const,
          Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": sub,
            },
          },
        },
      ],
    },
  });
  config.roles.push(trusting("name_form", NAME_SUB), trusting("immutable_form", IMMUTABLE_SUB));
  return config;
}

describe("the subject forms", () => {
  const stack = useLocalStack({ config: configWithBothForms() });

  it("writes the name-only sub when the repository uses it, and a trust policy for that form accepts it", async () => {
    const response = await assumeRoleAsJob(stack(), { ...DEMO_JOB, roleName: "name_form" });
    expect(response.SubjectFromWebIdentityToken).toBe(NAME_SUB);
  });

  it("refuses the name-only sub under a trust policy written for the immutable form", async () => {
    const error = await failureOf(assumeRoleAsJob(stack(), { ...DEMO_JOB, roleName: "immutable_form" }));
    expect(error.name).toBe("AccessDenied");
  });
});

describe("STS without GitHub's provider", () => {
  const config = demoConfig();
  config.oidcProviders = config.oidcProviders.filter((provider) => provider.url !== ISSUER);
  const stack = useLocalStack({ config });

  it("finds no provider for GitHub's tokens, as IAM without it", async () => {
    const error = await failureOf(assumeRoleAsJob(stack()));
    expect(error).toBeInstanceOf(InvalidIdentityTokenException);
    expect(error.message).toBe(`No OpenIDConnect provider found in your account for ${ISSUER}`);
  });
});

describe("GitHub's claims as condition keys of their own", () => {
  const stack = useLocalStack();
  const workflowRef = "acme/aws-tasks/.github/workflows/task-add_s3_bucket_tag.yml@refs/heads/main";

  /** The demo role, trusted on one claim key (besides aud) instead of sub. */
  function trustOn(key: string, value: string) {
    const [demo] = demoConfig().roles;
    if (!demo) throw new Error("demoConfig has no role");
    stack().replaceRoles([
      {
        ...demo,
        trustPolicy: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: {
                StringEquals: {
                  "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                  [`token.actions.githubusercontent.com:${key}`]: value,
                },
              },
            },
          ],
        },
      },
    ]);
  }

  it.each([
    ["repository", "acme/aws-tasks", "acme/other"],
    ["repository_id", "987654321", "987654322"],
    ["environment", "task-add_s3_bucket_tag", "task-other"],
    ["ref", "refs/heads/main", "refs/heads/dev"],
    ["workflow", ".github/workflows/task-add_s3_bucket_tag.yml", ".github/workflows/other.yml"],
    ["job_workflow_ref", workflowRef, workflowRef.replace("main", "dev")],
    ["actor", "octocat", "mona"],
    ["actor_id", "583231", "1"],
  ])("evaluates :%s (%s passes, %s does not)", async (key, right, wrong) => {
    trustOn(key, right);
    await expect(assumeRoleAsJob(stack())).resolves.toHaveProperty("Credentials");
    trustOn(key, wrong);
    expect((await failureOf(assumeRoleAsJob(stack()))).name).toBe("AccessDenied");
  });

  it("has no key for a claim STS does not evaluate (run_id), even when the trusted value is the job's", async () => {
    const env = stubGithubJob(stack(), DEMO_JOB);
    trustOn("run_id", env.GITHUB_RUN_ID ?? "");
    expect((await failureOf(assumeRoleWithJobToken(env))).name).toBe("AccessDenied");
  });
});
