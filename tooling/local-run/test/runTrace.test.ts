import type { RequestLogEntry } from "@repo/local-stack";
import { describe, expect, it } from "vitest";
import { runCost, runTrace } from "../src/runTrace";
import type { TaskRun } from "../src/runTaskOnStack";

const ROLE = "arn:aws:iam::123456789012:role/airplane-add_s3_bucket_tag";
const run = { env: { AWS_ROLE_ARN: ROLE } } as unknown as TaskRun;

const entry = (service: RequestLogEntry["service"], operation: string, more: Partial<RequestLogEntry> = {}) => ({
  service,
  operation,
  status: 200,
  durationMs: 1,
  at: new Date(),
  ...more,
});

/** A run's log as the stand-in records it: the token, STS reading the issuer's documents, the exchange, S3. */
function requestsOf(
  issuer: "airplane" | "github",
  tokenFetch: string,
  sub: string,
  session: string,
): RequestLogEntry[] {
  return [
    entry(issuer, tokenFetch, { sub }),
    entry(issuer, "GetOpenIdConfiguration"),
    entry(issuer, "GetJwks"),
    entry("sts", "AssumeRoleWithWebIdentity", { sub, roleSessionName: session }),
    entry("s3", "GetBucketTagging"),
    entry("s3Control", "TagResource"),
  ];
}

describe("runTrace and runCost", () => {
  it("count GitHub's GetIdToken as the token fetch and its OIDC documents as no AWS call", () => {
    const sub = "repo:acme@1234567/aws-tasks@987654321:environment:task-add_s3_bucket_tag";
    const requests = requestsOf("github", "GetIdToken", sub, "github-12345678901-1.add_s3_bucket_tag");

    expect(runTrace(requests, run)).toEqual([
      `  1. GitHub issued an ID token       sub ${sub}`,
      `  2. STS assumed the task's role     ${ROLE}`,
      "     with session name               github-12345678901-1.add_s3_bucket_tag",
      "  3. AWS calls, signed with it       s3:GetBucketTagging, s3Control:TagResource",
    ]);
    expect(runCost(requests, performance.now())).toMatch(/: 1 token fetch, 1 STS call, 2 AWS requests\.$/);
  });

  it("say the same of an Airplane run", () => {
    const sub = "team:tea20010101aaaaaaaaaa:env:prod:task:add_s3_bucket_tag";
    const requests = requestsOf("airplane", "GenerateIdToken", sub, "run2001.add_s3_bucket_tag");

    expect(runTrace(requests, run)[0]).toBe(`  1. Airplane issued an ID token     sub ${sub}`);
    expect(runCost(requests, performance.now())).toMatch(/: 1 token fetch, 1 STS call, 2 AWS requests\.$/);
  });

  it("show a refused role, and leave out the steps a run never reached", () => {
    const requests = [
      entry("github", "GetIdToken", { sub: "repo:acme/aws-tasks:environment:task-list_s3_bucket_tags" }),
      entry("sts", "AssumeRoleWithWebIdentity", { status: 403, errorCode: "AccessDenied", roleSessionName: "s1" }),
    ];
    expect(runTrace(requests, run).slice(1)).toEqual([
      `  2. STS refused the task's role     ${ROLE}`,
      "     with session name               s1",
    ]);
    expect(runTrace([], run)).toEqual([]);
    expect(runCost([], performance.now())).toMatch(/: 0 token fetches, 0 STS calls, 0 AWS requests\.$/);
  });
});
