import type { ConditionBlock, PolicyStatement } from "@repo/iam-policy";
import { describe, expect, it } from "vitest";
import { auditTrustPolicy, platformsTrusted } from "../src/index";
import { codesOf, federatedStatement, policyOf } from "./policies";

const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const SUB_KEY = "token.actions.githubusercontent.com:sub";
const AUD = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" };
const IMMUTABLE = "repo:acme@1234567/aws-tasks@987654321:environment:task-add_s3_bucket_tag";
const BY_NAME = "repo:acme/aws-tasks:environment:task-add_s3_bucket_tag";
// What the role is meant for, as npm run iam generates it.
const MEANT = {
  githubRepository: "acme/aws-tasks",
  githubOwnerId: "1234567",
  githubRepositoryId: "987654321",
  taskSlug: "add_s3_bucket_tag",
};

function githubStatement(condition: ConditionBlock | null, overrides: Partial<PolicyStatement> = {}): PolicyStatement {
  return federatedStatement(PROVIDER, condition, overrides);
}

function audit(condition: ConditionBlock | null, options = {}) {
  return auditTrustPolicy(policyOf(githubStatement(condition)), options);
}

/** The findings of a sub written under an operator, aud pinned. */
function subFindings(operator: string, sub: string | string[], options = {}) {
  const condition: ConditionBlock =
    operator === "StringEquals"
      ? { StringEquals: { ...AUD, [SUB_KEY]: sub } }
      : { StringEquals: AUD, [operator]: { [SUB_KEY]: sub } };
  return audit(condition, options);
}

const codes = (operator: string, sub: string | string[], options = {}) => codesOf(subFindings(operator, sub, options));

describe("GitHub Actions' statements", () => {
  it("passes what npm run iam generates, told or not what the role is for", () => {
    expect(platformsTrusted(policyOf(githubStatement(null)))).toEqual(["github"]);
    expect(codes("StringEquals", IMMUTABLE)).toEqual([]);
    expect(codes("StringEquals", IMMUTABLE, MEANT)).toEqual([]);
    const pinnedById = {
      StringEquals: { ...AUD, [SUB_KEY]: BY_NAME, "token.actions.githubusercontent.com:repository_id": "987654321" },
    };
    expect(codesOf(audit(pinnedById, { githubRepository: "acme/aws-tasks", taskSlug: "add_s3_bucket_tag" }))).toEqual(
      [],
    );
  });

  it("is critical with no sub, naming every repository and writing the intended subject into the fix", () => {
    const [finding, ...rest] = audit({ StringEquals: AUD }, MEANT);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "critical", code: "sub-missing" });
    expect(finding?.problem).toBe(
      `No condition restricts ${SUB_KEY}, so the jobs of every GitHub repository (anyone's) can assume the role.`,
    );
    expect(finding?.fix).toContain(
      `"Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "${SUB_KEY}": "${IMMUTABLE}" } }`,
    );
  });

  it.each([
    ["*"],
    ["repo:*"],
    ["repo:*/aws-tasks:environment:task-add_s3_bucket_tag"],
    ["repo:acme*"],
    ["repo:ac?e/aws-tasks:*"],
  ])("%s spans owners (critical)", (sub) => {
    const [finding] = subFindings("StringLike", sub);
    expect(finding).toMatchObject({ severity: "critical", code: "sub-spans-owners" });
    expect(finding?.problem).toMatch(/repositories of other GitHub accounts/);
  });

  it.each([["repo:acme/*"], ["repo:acme/*:environment:task-add_s3_bucket_tag"], ["repo:acme/aws-tasks*"]])(
    "%s spans repositories (high), a * that runs across segments too",
    (sub) => {
      expect(subFindings("StringLike", sub).map((finding) => [finding.severity, finding.code])).toEqual([
        ["high", "sub-spans-repositories"],
      ]);
    },
  );

  it.each([
    ["repo:acme/aws-tasks:*"],
    ["repo:acme/aws-tasks:environment:*"],
    ["repo:acme@1234567/aws-tasks@987654321:*"],
  ])("%s spans environments, branches and pull requests (high)", (sub) => {
    const [finding] = subFindings("StringLike", sub);
    expect(finding).toMatchObject({ severity: "high", code: "sub-spans-environments" });
    expect(finding?.problem).toMatch(/any branch, pull request or environment/);
  });

  it("tells every task's environment (medium) from a family of tasks (low)", () => {
    expect(codes("StringLike", "repo:acme/aws-tasks:environment:task-*")).toEqual(["sub-spans-tasks"]);
    expect(codes("StringLike", "repo:acme/aws-tasks:environment:task-add_*")).toEqual(["sub-task-pattern"]);
    expect(
      codes("StringLike", "repo:acme/aws-tasks:environment:task-*", {
        githubRepository: "acme/aws-tasks",
        taskSlug: "*",
      }),
    ).toEqual([]);
  });

  it("flags a * after a narrow first value, which IAM's own check of GitHub roles does not read", () => {
    const [finding, ...rest] = subFindings("StringLike", [BY_NAME, "*"]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "critical", code: "sub-spans-owners", condition: { values: ["*"] } });
    expect(finding?.problem).toContain("IAM's check of GitHub trust policies reads only the first value of a list");
  });

  it("flags the subject by name where the repository's tokens carry its IDs (medium), and the job refused", () => {
    const findings = subFindings("StringEquals", BY_NAME, MEANT);
    expect(findings.map((finding) => [finding.severity, finding.code])).toEqual([
      ["medium", "expected-subject-refused"],
      ["medium", "sub-name-form"],
    ]);
    expect(findings[1]?.problem).toContain(
      `names the repository without its IDs, but its tokens carry them (${IMMUTABLE})`,
    );
    expect(findings[1]?.fix).toContain(`"${SUB_KEY}": "${IMMUTABLE}"`);
    // Told no IDs, the subject by name is the repository's own.
    expect(
      codes("StringEquals", BY_NAME, { githubRepository: "acme/aws-tasks", taskSlug: "add_s3_bucket_tag" }),
    ).toEqual([]);
  });

  it("flags another task's environment, a branch or another repository as not what the role is for, a case slip as one", () => {
    for (const sub of [
      "repo:acme@1234567/aws-tasks@987654321:environment:task-tag_s3_buckets",
      "repo:acme@1234567/aws-tasks@987654321:ref:refs/heads/main",
      "repo:acme@1234567/other@555:environment:task-add_s3_bucket_tag",
    ]) {
      expect([sub, codes("StringEquals", sub, MEANT)]).toEqual([sub, ["expected-subject-refused", "sub-unexpected"]]);
    }
    const [slip] = subFindings("StringEquals", BY_NAME.replace("acme", "Acme"), { githubRepository: "acme/aws-tasks" });
    expect(slip).toMatchObject({ severity: "medium", code: "sub-value-case" });
    expect(slip?.problem).toContain("GitHub writes each name in the case it was given");
  });

  it("accepts a branch's subject when not told what the role is for: roles that deploy from main are GitHub's daily bread", () => {
    expect(codes("StringEquals", "repo:octo-org/octo-repo:ref:refs/heads/main")).toEqual([]);
  });

  it("flags a value no GitHub token carries", () => {
    const [finding] = subFindings("StringEquals", "acme/aws-tasks:environment:task-x");
    expect(finding).toMatchObject({ severity: "medium", code: "sub-not-github-subject" });
    expect(finding?.problem).toContain("is not of the form repo:<owner>/<repo>:environment:<name>");
  });

  it("flags ForAllValues and IfExists on sub as for Airplane (high)", () => {
    expect(codesOf(audit({ StringEquals: AUD, "ForAllValues:StringEquals": { [SUB_KEY]: IMMUTABLE } }))).toEqual([
      "condition-for-all-values",
    ]);
    expect(codesOf(audit({ StringEquals: AUD, StringEqualsIfExists: { [SUB_KEY]: IMMUTABLE } }))).toEqual([
      "condition-if-exists",
    ]);
  });

  it("leaves GitHub's claim keys alone, flags a key of its provider IAM never sets and Airplane's keys", () => {
    const claims = {
      StringEquals: {
        ...AUD,
        [SUB_KEY]: IMMUTABLE,
        "token.actions.githubusercontent.com:environment": "task-add_s3_bucket_tag",
      },
    };
    expect(codesOf(audit(claims))).toEqual([]);
    const misspelt = audit({
      StringEquals: { ...AUD, [SUB_KEY]: IMMUTABLE, "token.actions.githubusercontent.com:repo": "acme/aws-tasks" },
    });
    expect(codesOf(misspelt)).toEqual(["condition-key-wrong"]);
    expect(misspelt[0]?.problem).toContain("no GitHub job can assume the role through this statement");
    const airplaneKey = audit({ StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com", [SUB_KEY]: IMMUTABLE } });
    expect(codesOf(airplaneKey)).toEqual(["condition-key-wrong"]);
    expect(airplaneKey[0]?.problem).toContain('IAM never sets "api.airplane.dev:aud" for GitHub\'s tokens');
  });

  it("audits a statement that takes in everyone for the platform its keys name, once", () => {
    const anyone = githubStatement({ StringEquals: { ...AUD, [SUB_KEY]: IMMUTABLE } }, { Principal: "*" });
    const findings = auditTrustPolicy(policyOf(anyone));
    expect(platformsTrusted(policyOf(anyone))).toEqual(["github"]);
    expect(codesOf(findings)).toEqual(["principal-anyone"]);
    expect(findings[0]?.fix).toContain(PROVIDER.replace("123456789012", "<account_id>"));
  });
});
