import { describe, expect, it } from "vitest";
import {
  GITHUB_AUDIENCE_CONDITION_KEY,
  GITHUB_PROVIDER_ARN,
  GITHUB_SUBJECT_CONDITION_KEY,
  githubSubject,
  parseGithubSubject,
  providerArn,
  taskEnvironment,
  taskOfEnvironment,
  GITHUB_ISSUER,
} from "../src";

// The demo repository the committed Terraform and the stand-in play.
const REPO = { owner: "acme", repository: "aws-tasks" };
const IDS = { ownerId: "1234567", repositoryId: "987654321" };
const ENVIRONMENT = "task-add_s3_bucket_tag";

describe("GitHub Actions' OIDC provider as IAM names it", () => {
  it("names the condition keys after the issuer without its scheme", () => {
    expect(GITHUB_SUBJECT_CONDITION_KEY).toBe("token.actions.githubusercontent.com:sub");
    expect(GITHUB_AUDIENCE_CONDITION_KEY).toBe("token.actions.githubusercontent.com:aud");
  });

  it("recognises the provider's ARN, and only that provider", () => {
    expect(GITHUB_PROVIDER_ARN.test(providerArn("123456789012", GITHUB_ISSUER))).toBe(true);
    expect(GITHUB_PROVIDER_ARN.test(providerArn("123456789012"))).toBe(false);
  });
});

describe("a task's environment", () => {
  it("is task-<slug>, and gives the slug back", () => {
    expect(taskEnvironment("add_s3_bucket_tag")).toBe(ENVIRONMENT);
    expect(taskOfEnvironment(ENVIRONMENT)).toBe("add_s3_bucket_tag");
    expect(taskOfEnvironment("production")).toBeUndefined();
  });
});

describe("the subject of a GitHub Actions ID token", () => {
  it("is written by name, or immutable with both numeric IDs", () => {
    expect(githubSubject({ ...REPO, environment: ENVIRONMENT })).toBe(
      "repo:acme/aws-tasks:environment:task-add_s3_bucket_tag",
    );
    expect(githubSubject({ ...REPO, ...IDS, environment: ENVIRONMENT })).toBe(
      "repo:acme@1234567/aws-tasks@987654321:environment:task-add_s3_bucket_tag",
    );
  });

  it("refuses one ID without the other, saying how to find both", () => {
    expect(() => githubSubject({ ...REPO, ownerId: "1234567", environment: ENVIRONMENT })).toThrow(
      /needs both .*\(gh api repos\/acme\/aws-tasks/,
    );
  });

  it("parses both forms back to what wrote them", () => {
    for (const parts of [
      { ...REPO, environment: ENVIRONMENT },
      { ...REPO, ...IDS, environment: ENVIRONMENT },
    ]) {
      expect(parseGithubSubject(githubSubject(parts))).toEqual({
        ...parts,
        form: "ownerId" in parts ? "immutable" : "name",
        context: `environment:${ENVIRONMENT}`,
      });
    }
  });

  it("parses a job outside an environment, with no environment", () => {
    expect(parseGithubSubject("repo:acme/aws-tasks:ref:refs/heads/main")).toEqual({
      ...REPO,
      form: "name",
      context: "ref:refs/heads/main",
    });
    expect(parseGithubSubject("repo:acme@1234567/aws-tasks@987654321:pull_request")).toMatchObject({
      form: "immutable",
      context: "pull_request",
    });
  });

  it.each([
    "team:tea20010101aaaaaaaaaa:env:prod:task:add_s3_bucket_tag", // Airplane's
    "repo:acme/aws-tasks", // no context
    "repo:acme@1234567/aws-tasks:environment:task-x", // one ID only
    "repo:-acme/aws-tasks:environment:task-x", // not an owner GitHub allows
    "repo:acme/aws tasks:environment:task-x",
  ])("parses nothing GitHub cannot have written: %s", (sub) => {
    expect(parseGithubSubject(sub)).toBeUndefined();
  });
});
