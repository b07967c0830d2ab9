import { describe, expect, it } from "vitest";
import { describeSubjectProblem, formatSubject, parseSubject, splitSubject } from "../src";

// Airplane's own example, from its OIDC guide.
const SUBJECT = "team:tea20010101aaaaaaaaaa:env:prod:task:add_s3_bucket_tag";
const PARTS = { team: "tea20010101aaaaaaaaaa", env: "prod", task: "add_s3_bucket_tag" };

describe("the subject of an Airplane ID token", () => {
  it("formats and parses team:{team}:env:{env}:task:{task}", () => {
    expect(formatSubject(PARTS)).toBe(SUBJECT);
    expect(parseSubject(SUBJECT)).toEqual(PARTS);
  });

  it("parses no subject that an Airplane token cannot carry", () => {
    expect(parseSubject("team:tea1:env:prod:task:Add_Tag")).toBeUndefined(); // IAM compares case-sensitively
    expect(parseSubject("team:tea1:env:prod")).toBeUndefined();
    expect(parseSubject(`${SUBJECT}:extra`)).toBeUndefined();
    expect(parseSubject("env:prod:team:tea1:task:t")).toBeUndefined();
  });

  it("splits the frame whatever the values, for patterns with wildcards", () => {
    expect(splitSubject("team:*:env:prod:task:*")).toEqual({ team: "*", env: "prod", task: "*" });
  });

  it("says what is wrong with a value that is not a subject", () => {
    expect(describeSubjectProblem(` ${SUBJECT}`)).toBe("it has white space around it");
    expect(describeSubjectProblem("prod:add_s3_bucket_tag")).toContain(
      "team:{team_id}:env:{env_slug}:task:{task_slug}",
    );
    expect(describeSubjectProblem("team:tea1:env:Prod:task:t")).toMatch(
      /^"Prod" is not valid there: environment slugs/,
    );
  });
});
