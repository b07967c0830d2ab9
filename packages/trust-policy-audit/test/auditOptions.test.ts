import { describe, expect, it } from "vitest";
import { SUBJECT_CONDITION_KEY as SUB_KEY } from "@repo/oidc-issuers";
import { AuditOptionsError, auditTrustPolicy } from "../src/index";
import { airplaneStatement, AUD, codesOf, PINNED, policyOf, STUDIO_SUBJECT, SUBJECT, TEAM } from "./policies";

const pinned = policyOf(airplaneStatement());

describe("options", () => {
  it.each([
    [
      "expectedSubject and parts together",
      { expectedSubject: SUBJECT, teamId: TEAM },
      /^expectedSubject: give full subjects or their parts/,
    ],
    ["a subject of the wrong shape", { expectedSubject: "env:prod:task:x" }, /not an Airplane subject/],
    ["a GitHub subject of the wrong shape", { expectedSubject: "repo:o/r:ref:main" }, /not a GitHub subject/],
    [
      "a repository without its owner",
      { githubRepository: "aws-tasks" },
      /^githubRepository: "aws-tasks" is not a repository/,
    ],
    ["one ID of two", { githubRepository: "acme/aws-tasks", githubOwnerId: "1" }, /^githubRepositoryId: give both IDs/],
    [
      "an ID without the repository",
      { githubRepositoryId: "1" },
      /^githubRepositoryId: an ID goes with its repository/,
    ],
    ["a task name for a slug", { taskSlug: "Add S3 bucket tag" }, /taskSlug: "Add S3 bucket tag" is not valid/],
    ["a team ID in upper case", { teamId: "TEA1" }, /teamId: "TEA1" is not valid/],
    ["every team", { teamId: "*" }, /give your team ID/],
    ["every team in a full subject", { expectedSubject: "team:*:env:prod:task:x" }, /give your team ID/],
    ["an empty list", { envSlug: [] }, /^envSlug: the list is empty/],
    ["an empty list of subjects", { expectedSubject: [] }, /^expectedSubject: the list is empty/],
    ["an empty audience", { audience: "" }, /^audience: "" is not an audience/],
  ])("refuses %s with an AuditOptionsError that says what to write", (_, options, message) => {
    expect(() => auditTrustPolicy(pinned, options)).toThrow(AuditOptionsError);
    expect(() => auditTrustPolicy(pinned, options)).toThrow(message);
  });

  it("copies the role's name and ARN into every finding", () => {
    const findings = auditTrustPolicy(policyOf(airplaneStatement(null)), {
      roleName: "add_s3_bucket_tag",
      roleArn: "arn:aws:iam::123456789012:role/add_s3_bucket_tag",
    });
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding).toMatchObject({
        roleName: "add_s3_bucket_tag",
        roleArn: "arn:aws:iam::123456789012:role/add_s3_bucket_tag",
      });
    }
  });
});

describe("expected-subject-refused: the policy as a whole, as IAM evaluates it", () => {
  const meantFor = { teamId: TEAM, envSlug: ["prod", "studio"], taskSlug: "add_s3_bucket_tag" };

  it("names the subjects no Allow statement admits (medium) and lists every intended one in the fix", () => {
    const [finding, ...rest] = auditTrustPolicy(pinned, meantFor);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "medium", code: "expected-subject-refused" });
    expect(finding?.statementIndex).toBeUndefined();
    expect(finding?.problem).toContain(`"${STUDIO_SUBJECT}"`);
    expect(finding?.problem).not.toContain(`"${SUBJECT}"`);
    expect(finding?.fix).toContain(`"${SUB_KEY}": ["${SUBJECT}", "${STUDIO_SUBJECT}"]`);
  });

  it("counts a Deny that keeps an intended subject out", () => {
    const policy = policyOf(
      airplaneStatement({ StringEquals: { ...AUD, [SUB_KEY]: [SUBJECT, STUDIO_SUBJECT] } }),
      airplaneStatement({ StringLike: { [SUB_KEY]: "*:env:studio:*" } }, { Effect: "Deny" }),
    );
    expect(codesOf(auditTrustPolicy(policy, meantFor))).toEqual(["expected-subject-refused"]);
  });

  it("says nothing when only some levels were given (no full subject to try)", () => {
    expect(auditTrustPolicy(pinned, { teamId: TEAM })).toEqual([]);
  });

  it("says nothing about a policy it cannot evaluate rather than guess", () => {
    // The evaluator does not decide Numeric operators; IAM would refuse here (the key is missing).
    const policy = policyOf(airplaneStatement({ ...PINNED, NumericLessThan: { "aws:MultiFactorAuthAge": 3600 } }));
    expect(auditTrustPolicy(policy, { expectedSubject: SUBJECT })).toEqual([]);
  });
});
