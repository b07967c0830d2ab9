import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CredentialCache } from "../src/credentialCache";
import { AwsAuthError, fromChainedRole, fromTaskRole } from "../src/index";
import { fakeAws } from "./fakeAws";
import { CANARY, expectNoSecrets, ROLE_ARN } from "./fixtures";
import { githubTokenService, IMMUTABLE_SUB } from "./githubActions";

// fromTaskRole in a GitHub Actions job, through the real @actions/core and the real SDK clients:
// only GitHub's token service and AWS's transport are stand-ins.
let service: Awaited<ReturnType<typeof githubTokenService>>;
let stdout: string[];

async function jobWith(sub?: string, overrides: Record<string, string | undefined> = {}) {
  service = await githubTokenService(sub);
  const env = { ...service.jobEnv, AWS_ROLE_ARN: ROLE_ARN, AWS_REGION: "eu-west-1", ...overrides };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

beforeEach(() => {
  for (const name of ["AIRPLANE_API_HOST", "AIRPLANE_RUN_ID", "AWS_AUTH_MODE", "AWS_ROLE_SESSION_NAME"]) {
    vi.stubEnv(name, undefined);
  }
  stdout = [];
  vi.spyOn(process.stdout, "write").mockImplementation((text) => {
    stdout.push(String(text));
    return true;
  });
});

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await service?.close();
});

const s3With = (aws: ReturnType<typeof fakeAws>, cache = new CredentialCache()) =>
  new S3Client({
    region: "eu-west-1",
    credentials: fromTaskRole({ cache }),
    requestHandler: aws.handler,
    maxAttempts: 1,
  });

const params = (body: string) => Object.fromEntries(new URLSearchParams(body));

/** The only line @actions/core may print the token in is the runner's command that masks it. */
function expectTokenOnlyMasked(): void {
  for (const line of stdout.join("").split("\n")) {
    expect(line).not.toContain(CANARY.githubRequestToken);
    for (const token of service.issued) if (line.includes(token)) expect(line).toBe(`::add-mask::${token}`);
  }
}

describe("fromTaskRole on GitHub Actions", () => {
  it("asks GitHub once for a token for sts.amazonaws.com with the job's bearer, and names the session after the run", async () => {
    await jobWith();
    const aws = fakeAws();
    const cache = new CredentialCache();
    const clients = [s3With(aws, cache), s3With(aws, cache), s3With(aws, cache)];

    for (const s3 of clients) for (let call = 0; call < 2; call++) await s3.send(new ListBucketsCommand({}));
    expect(stdout.join("")).toContain("::add-mask::");

    expect(service.requests).toEqual([
      { audience: "sts.amazonaws.com", authorization: `Bearer ${CANARY.githubRequestToken}` },
    ]);
    const [sts, ...rest] = aws.seen;
    expect(aws.stsCalls()).toHaveLength(1);
    expect(rest).toHaveLength(6);
    expect(params(sts?.body ?? "")).toMatchObject({
      Action: "AssumeRoleWithWebIdentity",
      RoleArn: ROLE_ARN,
      RoleSessionName: "github-16010010001-1.add_s3_bucket_tag",
      WebIdentityToken: service.issued[0],
    });
    expect(sts?.headers["user-agent"]).toContain("github-run/16010010001-1");
    expectTokenOnlyMasked();
  });

  it("chains into a member account from the job's role, tagged with the GitHub run", async () => {
    await jobWith();
    const aws = fakeAws();
    const cache = new CredentialCache();
    const member = "arn:aws:iam::210987654321:role/airplane-add_s3_bucket_tag";
    const credentials = fromChainedRole({ roleArn: member, source: fromTaskRole({ cache }), cache });

    await new S3Client({ region: "eu-west-1", credentials, requestHandler: aws.handler }).send(
      new ListBucketsCommand({}),
    );

    const [first, second] = aws.stsCalls();
    expect(params(first?.body ?? "")).toMatchObject({ Action: "AssumeRoleWithWebIdentity", RoleArn: ROLE_ARN });
    expect(params(second?.body ?? "")).toMatchObject({
      Action: "AssumeRole",
      RoleArn: member,
      RoleSessionName: "github-16010010001-1.add_s3_bucket_tag",
      "Tags.member.1.Key": "Platform",
      "Tags.member.1.Value": "github",
      "Tags.member.2.Key": "RunId",
      "Tags.member.2.Value": "16010010001-1",
      "Tags.member.3.Key": "Task",
      "Tags.member.3.Value": "add_s3_bucket_tag",
      "Tags.member.4.Key": "Requester",
      "Tags.member.4.Value": "octocat",
      "Tags.member.5.Key": "Repository",
      "Tags.member.5.Value": "acme/aws-tasks",
    });
    expect(second?.headers["user-agent"]).toContain("github-run/16010010001-1");
    expect(service.requests).toHaveLength(1);
  });

  it("renews with a fresh token from GitHub five minutes before the credentials expire", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-27T10:00:00Z") });
    await jobWith();
    const aws = fakeAws(60 * 60 * 1000);
    const s3 = s3With(aws);

    await s3.send(new ListBucketsCommand({}));
    vi.setSystemTime(new Date("2026-11-27T10:55:30Z"));
    await s3.send(new ListBucketsCommand({}));

    expect(service.requests).toHaveLength(2);
    const tokens = aws.stsCalls().map((request) => params(request.body).WebIdentityToken);
    expect(tokens).toEqual(service.issued);
    expect(new Set(tokens).size).toBe(2);
  });

  it("explains a refusal with the token's claims, GitHub's condition keys and the immutable subject form", async () => {
    await jobWith(IMMUTABLE_SUB);
    const aws = fakeAws(undefined, (action) =>
      action === "AssumeRoleWithWebIdentity" ? "Not authorized to perform sts:AssumeRoleWithWebIdentity" : undefined,
    );

    const error = await s3With(aws)
      .send(new ListBucketsCommand({}))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AwsAuthError);
    expect((error as AwsAuthError).code).toBe("TrustPolicyRejected");
    const message = (error as Error).message;
    expect(message).toContain(`role ${ROLE_ARN}`);
    expect(message).toContain('iss "https://token.actions.githubusercontent.com"');
    expect(message).toContain('aud "sts.amazonaws.com"');
    expect(message).toContain(`sub "${IMMUTABLE_SUB}"`);
    expect(message).toContain('"token.actions.githubusercontent.com:aud"');
    expect(message).toContain('"token.actions.githubusercontent.com:sub"');
    expect(message).toMatch(/immutable form.*the trust policy must use that same form/);
    expectNoSecrets(error, service.issued);
  });

  it("says how to fix a name-only subject, and a job outside an environment", async () => {
    await jobWith("repo:acme/aws-tasks:ref:refs/heads/main");
    const aws = fakeAws(undefined, () => "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    const error = await s3With(aws)
      .send(new ListBucketsCommand({}))
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/runs in no environment.*environment: task-<slug>/);
  });

  it("stops a job without id-token: write before asking GitHub or AWS anything", async () => {
    await jobWith(undefined, { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined });
    const aws = fakeAws();

    const error = await s3With(aws)
      .send(new ListBucketsCommand({}))
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "IdTokenPermissionMissing" });
    expect((error as Error).message).toContain('"permissions: id-token: write"');
    expect(service.requests).toHaveLength(0);
    expect(aws.seen).toHaveLength(0);
  });

  it("never carries the job's bearer on when GitHub refuses it", async () => {
    // The token service's answer quotes the bearer it was sent; @actions/core puts that answer in its error.
    await jobWith(undefined, { ACTIONS_ID_TOKEN_REQUEST_URL: undefined });
    vi.stubEnv(
      "ACTIONS_ID_TOKEN_REQUEST_URL",
      service.jobEnv.ACTIONS_ID_TOKEN_REQUEST_URL.replace("/idtoken", "/other"),
    );
    const aws = fakeAws();

    const error = await s3With(aws)
      .send(new ListBucketsCommand({}))
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "IdTokenUnavailable" });
    expect(service.requests).toHaveLength(1);
    expect(String((error as Error).cause)).toContain("is not valid for this job");
    expectNoSecrets(error);
    expect(aws.seen).toHaveLength(0);
    expectTokenOnlyMasked();
  });
});
