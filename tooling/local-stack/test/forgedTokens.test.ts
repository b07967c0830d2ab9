import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { idToken } from "airplane/auth";
import { describe, expect, it } from "vitest";
import type { GithubJobOptions, RunOptions } from "../src/index";
import {
  DEMO_TASK,
  failureOf,
  githubIdToken,
  statusOf,
  stubAirplaneRun,
  stubGithubJob,
  tamper,
  useLocalStack,
} from "./helpers";

// The campaign's forged-token category as a table: each row gets a token from one of the stand-in's
// issuers, Airplane's or GitHub's (with overrides), changes it or not, and names what STS answers
// AssumeRoleWithWebIdentity. A new leniency is a failing row.

const stack = useLocalStack();

const TEN_YEARS = 10 * 365 * 24 * 3600;
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const parts = (token: string) => token.split(".") as [string, string, string];

interface Row {
  /** The Airplane run whose token is asked for (default: the demo task's). */
  run?: Partial<RunOptions>;
  /** A GitHub job's token instead, asked for with `@actions/core` (default: the demo task's job). */
  job?: Partial<GithubJobOptions> & { audience?: string };
  /** What is done to the token after it was issued. */
  forge?: (token: string) => string;
  /** The error STS answers, or none when it issues credentials. */
  code?: string;
  status?: number;
  message?: RegExp;
}

const ROWS: Record<string, Row> = {
  "a token as the issuer signs it": {},

  // What a real issuer never sends (issue 21.5).
  "iat an hour ahead": {
    run: { idToken: { issuedAtOffsetSeconds: 3600 } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /issued in the future/,
  },
  "no iat": {
    run: { idToken: { withoutIssuedAt: true } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /no iat/,
  },
  "two audiences, one of them the provider's client ID": {
    run: { idToken: { audience: ["sts.amazonaws.com", "https://other.example.com"] } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /^Incorrect token audience/,
  },
  "exp ten years out": {
    run: { idToken: { lifetimeSeconds: TEN_YEARS } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /lifetime/,
  },
  "a trailing newline": {
    forge: (token) => `${token}\n`,
    code: "InvalidIdentityToken",
    status: 400,
    message: /white space or a line break/,
  },
  "base64 padding (==) on the signature": {
    forge: (token) => `${token}==`,
    code: "InvalidIdentityToken",
    status: 400,
    message: /padding/,
  },

  // The classic ones.
  "signed with a key the provider's JWKS does not publish": {
    run: { idToken: { signingKey: "unpublished-key" } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /^Couldn't retrieve verification key/,
  },
  "an issuer that is no registered provider": {
    run: { idToken: { issuer: "https://idp.example.com" } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /^No OpenIDConnect provider found in your account for https:\/\/idp\.example\.com$/,
  },
  "the provider's URL with a trailing slash as iss": {
    run: { idToken: { issuer: "https://api.airplane.dev/", signingKey: "issuer" } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /^No OpenIDConnect provider found/,
  },
  "an audience that is no client ID of the provider": {
    run: { idToken: { audience: "https://other.example.com" } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /^Incorrect token audience$/,
  },
  expired: {
    run: { idToken: { lifetimeSeconds: -30 } },
    code: "ExpiredTokenException",
    status: 400,
  },
  "no exp": {
    run: { idToken: { withoutExpiry: true } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /"exp"/,
  },
  "a tampered signature": {
    forge: (token) => {
      const [header, payload, signature] = parts(token);
      return `${header}.${payload}.${tamper(signature, 10)}`;
    },
    code: "InvalidIdentityToken",
    status: 400,
    message: /signature is invalid/,
  },
  "another task's sub written into a signed token": {
    forge: (token) => {
      const [header, payload, signature] = parts(token);
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
      const forged = { ...claims, sub: String(claims.sub).replace(DEMO_TASK, "delete_buckets") };
      return `${header}.${base64url(forged)}.${signature}`;
    },
    code: "InvalidIdentityToken",
    status: 400,
    message: /signature is invalid/,
  },
  "alg none, no signature": {
    forge: (token) => `${base64url({ alg: "none", typ: "JWT" })}.${parts(token)[1]}.`,
    code: "InvalidIdentityToken",
    status: 400,
  },
  "not a JWT at all": {
    forge: () => "not-a-jwt-at-all",
    code: "InvalidIdentityToken",
    status: 400,
  },
  "a well-signed token of another task": {
    run: { taskSlug: "delete_buckets", roleName: DEMO_TASK },
    code: "AccessDenied",
    status: 403,
    message: /^Not authorized to perform sts:AssumeRoleWithWebIdentity$/,
  },

  // GitHub's tokens.
  "GitHub: a token as GitHub signs it": { job: {} },
  "GitHub: GitHub's default audience (no audience asked for)": {
    job: { audience: "" },
    code: "InvalidIdentityToken",
    status: 400,
    message: /^Incorrect token audience$/,
  },
  "GitHub: signed with a key GitHub's JWKS does not publish": {
    job: { idToken: { signingKey: "unpublished-key" } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /^Couldn't retrieve verification key/,
  },
  "GitHub: not valid before an hour from now (nbf, iat ahead)": {
    job: { idToken: { issuedAtOffsetSeconds: 3600 } },
    code: "InvalidIdentityToken",
    status: 400,
    message: /"nbf"/,
  },
  "GitHub: expired": {
    job: { idToken: { lifetimeSeconds: -30 } },
    code: "ExpiredTokenException",
    status: 400,
  },
  "GitHub: a trailing newline": {
    job: {},
    forge: (token) => `${token}\n`,
    code: "InvalidIdentityToken",
    status: 400,
  },
  "GitHub: a well-signed token of another task's environment": {
    job: { environment: "task-delete_buckets" },
    code: "AccessDenied",
    status: 403,
  },
};

/** The row's token, from Airplane's token API or GitHub's token endpoint, and the role to assume. */
async function issuedToken(row: Row): Promise<{ token: string; roleArn: string | undefined }> {
  if (row.job) {
    const { audience = "sts.amazonaws.com", ...job } = row.job;
    const env = stubGithubJob(stack(), { environment: `task-${DEMO_TASK}`, roleName: DEMO_TASK, ...job });
    return { token: (await githubIdToken(audience)).token, roleArn: env.AWS_ROLE_ARN };
  }
  const env = stubAirplaneRun(stack(), { taskSlug: DEMO_TASK, ...row.run });
  return { token: await idToken("sts.amazonaws.com"), roleArn: env.AWS_ROLE_ARN };
}

describe("forged tokens: each case and what STS answers", () => {
  it.each(Object.entries(ROWS))("%s", async (_case, row) => {
    const { token, roleArn } = await issuedToken(row);
    const assume = new STSClient({}).send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: "forged",
        WebIdentityToken: row.forge ? row.forge(token) : token,
      }),
    );

    if (row.code === undefined) {
      expect((await assume).Credentials?.AccessKeyId).toMatch(/^ASIA/);
      return;
    }
    const error = await failureOf(assume);
    expect({ code: error.name.replace(/Exception$/, ""), status: statusOf(error) }).toEqual({
      code: row.code.replace(/Exception$/, ""),
      status: row.status,
    });
    if (row.message) expect(error.message).toMatch(row.message);
  });
});
