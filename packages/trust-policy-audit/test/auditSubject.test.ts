import { describe, expect, it } from "vitest";
import { SUBJECT_CONDITION_KEY as SUB_KEY } from "@repo/oidc-issuers";
import { auditTrustPolicy } from "../src/index";
import { airplaneStatement, AUD, codesOf, policyOf, STUDIO_SUBJECT, SUBJECT, subPolicy, TEAM } from "./policies";

function codesFor(operator: string, sub: string | string[], options = {}): string[] {
  return codesOf(auditTrustPolicy(subPolicy(operator, sub), options));
}

describe("sub: missing or negated", () => {
  it("is critical when an Allow has no sub condition, and the fix shows the full condition", () => {
    const [finding, ...rest] = auditTrustPolicy(policyOf(airplaneStatement({ StringEquals: AUD })));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "critical", code: "sub-missing", statementIndex: 0 });
    expect(finding?.problem).toMatch(/every Airplane team/);
    expect(finding?.fix).toContain(
      '"Condition": { "StringEquals": { "api.airplane.dev:aud": "sts.amazonaws.com", "api.airplane.dev:sub": "team:<team_id>:env:<env_slug>:task:<task_slug>" } }',
    );
  });

  it("writes the expected subject into the fix when the caller gave it", () => {
    const [finding] = auditTrustPolicy(policyOf(airplaneStatement({ StringEquals: AUD })), {
      expectedSubject: SUBJECT,
    });
    expect(finding?.fix).toContain(`"api.airplane.dev:sub": "${SUBJECT}"`);
  });

  it("counts a Null presence test as no restriction", () => {
    const policy = policyOf(airplaneStatement({ StringEquals: AUD, Null: { [SUB_KEY]: "false" } }));
    const [finding] = auditTrustPolicy(policy);
    expect(finding?.code).toBe("sub-missing");
    expect(finding?.problem).toMatch(/only test that api.airplane.dev:sub is present/);
  });

  it.each(["StringNotEquals", "StringNotLike"])("is critical when %s is the only sub restriction", (operator) => {
    const [finding] = auditTrustPolicy(subPolicy(operator, STUDIO_SUBJECT));
    expect(finding).toMatchObject({ severity: "critical", code: "sub-negated-only" });
    expect(finding?.condition).toEqual({ operator, key: SUB_KEY, values: [STUDIO_SUBJECT] });
  });

  it("accepts a negated sub condition that only narrows a pinned one", () => {
    const policy = policyOf(
      airplaneStatement({
        StringEquals: AUD,
        StringLike: { [SUB_KEY]: `team:${TEAM}:env:prod:task:add_*` },
        StringNotEquals: { [SUB_KEY]: `team:${TEAM}:env:prod:task:add_user` },
      }),
    );
    expect(codesOf(auditTrustPolicy(policy))).toEqual(["sub-task-pattern"]);
  });
});

describe("sub: breadth of a pattern", () => {
  it.each([
    ["*"],
    ["team:*"],
    ["team:tea*"],
    [`team:${TEAM}*`],
    ["team:????????????????????:env:prod:task:add_s3_bucket_tag"],
    ["team:tea2001010?aaaaaaaaaa:env:prod:task:add_s3_bucket_tag"],
    ["*:env:prod:task:add_s3_bucket_tag"],
    ["team:*:env:prod:task:add_s3_bucket_tag"],
  ])("%s spans teams (critical)", (sub) => {
    const [finding] = auditTrustPolicy(subPolicy("StringLike", sub));
    expect(finding).toMatchObject({ severity: "critical", code: "sub-spans-teams" });
    expect(finding?.problem).toMatch(/any Airplane team/);
  });

  it.each([
    [`team:${TEAM}:*`],
    [`team:${TEAM}:env:*`],
    [`team:${TEAM}:env:*:task:add_s3_bucket_tag`],
    [`team:${TEAM}:env:prod*`],
    [`team:${TEAM}:env:pro?:task:add_s3_bucket_tag`],
    [`team:${TEAM}:*:task:add_s3_bucket_tag`],
  ])("%s spans environments (high), studio included", (sub) => {
    const [finding] = auditTrustPolicy(subPolicy("StringLike", sub));
    expect(finding).toMatchObject({ severity: "high", code: "sub-spans-environments" });
    expect(finding?.problem).toMatch(/studio/);
  });

  it.each([[`team:${TEAM}:env:prod:task:*`], [`team:${TEAM}:env:prod:ta*`], [`team:${TEAM}:env:prod:task:?*`]])(
    "%s admits every task of the environment (medium)",
    (sub) => {
      const [finding] = auditTrustPolicy(subPolicy("StringLike", sub));
      expect(finding).toMatchObject({ severity: "medium", code: "sub-spans-tasks" });
      expect(finding?.fix).toContain(`team:${TEAM}:env:prod:task:<task_slug>`);
    },
  );

  it.each([
    [`team:${TEAM}:env:prod:task:s3_*`],
    [`team:${TEAM}:env:prod:task:*_bucket_tag`],
    [`team:${TEAM}:env:prod:task:add_s3_bucket_ta?`],
  ])("%s admits a family of tasks (low)", (sub) => {
    expect(codesFor("StringLike", sub)).toEqual(["sub-task-pattern"]);
  });

  it("lists every over-wide value of a condition in one finding", () => {
    const values = [`team:${TEAM}:env:prod:task:*`, `team:${TEAM}:env:studio:task:*`, SUBJECT];
    const findings = auditTrustPolicy(subPolicy("StringLike", values));
    expect(findings.map((finding) => [finding.code, finding.condition?.values])).toEqual([
      ["sub-spans-tasks", values.slice(0, 2)],
    ]);
  });

  it("keeps the search for a subject bounded on long lists of values", () => {
    const tasks = Array.from({ length: 60 }, (_, index) => `team:${TEAM}:env:prod:task:task_${index}`);
    const values = [...tasks, ...tasks.map((subject) => `${subject}_*`), "repo:octo-org/*", "Team:*"];
    const started = performance.now();
    const codes = codesFor("StringLike", values);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(codes).toEqual(["sub-not-airplane-subject", "sub-task-pattern", "sub-value-case"]);
  });

  it("judges a pattern by what the statement's other sub conditions let through (they are ANDed)", () => {
    const policy = policyOf(
      airplaneStatement({ StringEquals: { ...AUD, [SUB_KEY]: SUBJECT }, StringLike: { [SUB_KEY]: `team:${TEAM}:*` } }),
    );
    expect(auditTrustPolicy(policy)).toEqual([]);
  });

  it("reports the widest level when two patterns narrow each other", () => {
    const policy = policyOf(
      airplaneStatement({
        StringEquals: AUD,
        StringLike: { [SUB_KEY]: `team:${TEAM}:*` },
        "ForAnyValue:StringLike": { [SUB_KEY]: "*:task:add_s3_bucket_tag" },
      }),
    );
    const codes = codesOf(auditTrustPolicy(policy));
    expect(codes).toContain("sub-spans-environments");
    expect(codes).not.toContain("sub-spans-teams");
  });
});

describe("sub: values no token carries", () => {
  it.each([
    [
      "a GitHub-style subject",
      "repo:octo-org/octo-repo:ref:refs/heads/main",
      /it is not of the form team:\{team_id\}:env:/,
    ],
    ["the env part left out", `team:${TEAM}:task:add_s3_bucket_tag`, /it is not of the form/],
    ["the task's name instead of its slug", `team:${TEAM}:env:prod:task:add-s3-bucket-tag`, /not the task's name/],
    ["spaces around it", ` ${SUBJECT}`, /white space/],
    ["a team name instead of its ID", "team:Acme Corp:env:prod:task:add_s3_bucket_tag", /team IDs are lowercase/],
  ])("flags %s (medium) and says why", (_, sub, reason) => {
    const [finding] = auditTrustPolicy(subPolicy("StringEquals", sub));
    expect(finding).toMatchObject({ severity: "medium", code: "sub-not-airplane-subject" });
    expect(finding?.problem).toMatch(reason);
  });

  it("flags a pattern that fits no Airplane subject, and several such values in one finding", () => {
    expect(codesFor("StringLike", "repo:octo-org/*")).toEqual(["sub-not-airplane-subject"]);
    const findings = auditTrustPolicy(
      subPolicy("StringLike", ["repo:a/*", "repo:b/*", `team:${TEAM}:env:prod:task:*`]),
    );
    const notSubjects = findings.find((finding) => finding.code === "sub-not-airplane-subject");
    expect(notSubjects?.condition?.values).toEqual(["repo:a/*", "repo:b/*"]);
    expect(notSubjects?.problem).toMatch(/which is always team:\{team_id\}:env:\{env_slug\}:task:\{task_slug\}\.$/);
  });

  it.each([
    [`Team:${TEAM}:env:prod:task:add_s3_bucket_tag`],
    [`team:${TEAM}:env:Prod:task:add_s3_bucket_tag`],
    [`team:${TEAM.toUpperCase()}:env:prod:task:add_s3_bucket_tag`],
  ])("flags %s as a case mistake, with the lowercase value as the fix", (sub) => {
    const [finding] = auditTrustPolicy(subPolicy("StringEquals", sub));
    expect(finding).toMatchObject({ severity: "medium", code: "sub-value-case" });
    expect(finding?.fix).toContain(`"${SUB_KEY}": "${SUBJECT}"`);
  });

  it("flags a case mistake in a pattern", () => {
    expect(codesFor("StringLike", `team:${TEAM}:env:PROD:*`)).toEqual(["sub-value-case"]);
  });
});

describe("sub: against the subjects the role is meant for", () => {
  const meantFor = { teamId: TEAM, envSlug: "prod", taskSlug: "add_s3_bucket_tag" };

  it("accepts the exact subject, given in parts or in full", () => {
    expect(codesFor("StringEquals", SUBJECT, meantFor)).toEqual([]);
    expect(codesFor("StringEquals", SUBJECT, { expectedSubject: SUBJECT })).toEqual([]);
  });

  it("flags a subject for another task (high) and the intended task being refused", () => {
    const other = `team:${TEAM}:env:prod:task:remove_s3_bucket_tag`;
    const findings = auditTrustPolicy(subPolicy("StringEquals", other), meantFor);
    expect(findings.map((finding) => [finding.severity, finding.code])).toEqual([
      ["high", "sub-unexpected"],
      ["medium", "expected-subject-refused"],
    ]);
    expect(findings[0]?.problem).toContain(SUBJECT);
    expect(findings[0]?.fix).toContain(`"${SUB_KEY}": "${SUBJECT}"`);
  });

  it.each([
    ["another team", { teamId: "tea20020202bbbbbbbbbb" }],
    ["another environment", { envSlug: "staging" }],
    ["another task", { taskSlug: "list_s3_bucket_tags" }],
  ])("flags a pinned subject of %s when only that part was given", (_, options) => {
    expect(codesFor("StringEquals", SUBJECT, options)).toEqual(["sub-unexpected"]);
  });

  it("flags a pattern that admits none of the intended subjects", () => {
    expect(codesFor("StringLike", `team:${TEAM}:env:staging:task:*`, meantFor)).toEqual([
      "expected-subject-refused",
      "sub-unexpected",
    ]);
  });

  it("flags a pattern wider than intended", () => {
    expect(codesFor("StringLike", `team:${TEAM}:*`, meantFor)).toEqual(["sub-spans-environments"]);
    expect(codesFor("StringLike", `team:${TEAM}:env:prod:task:*`, meantFor)).toEqual(["sub-spans-tasks"]);
  });

  it("accepts a pattern exactly as wide as the caller says is meant", () => {
    const wholeEnvironment = { teamId: TEAM, envSlug: "prod", taskSlug: "*" };
    expect(codesFor("StringLike", `team:${TEAM}:env:prod:task:*`, wholeEnvironment)).toEqual([]);
    expect(codesFor("StringLike", `team:${TEAM}:*`, { teamId: TEAM, envSlug: "*", taskSlug: "*" })).toEqual([]);
    expect(codesFor("StringLike", `team:${TEAM}:*`, wholeEnvironment)).toEqual(["sub-spans-environments"]);
  });

  it("writes a StringLike fix when the caller means every task of an environment", () => {
    const [finding] = auditTrustPolicy(policyOf(airplaneStatement({ StringEquals: AUD })), {
      teamId: TEAM,
      envSlug: "prod",
      taskSlug: "*",
    });
    expect(finding?.fix).toContain(`"StringLike": { "${SUB_KEY}": "team:${TEAM}:env:prod:task:*" }`);
  });

  it("accepts prod and studio listed for a task run under airplane dev too", () => {
    const options = { ...meantFor, envSlug: ["prod", "studio"] };
    expect(codesFor("StringEquals", [SUBJECT, STUDIO_SUBJECT], options)).toEqual([]);
    expect(codesFor("StringLike", `team:${TEAM}:env:*:task:add_s3_bucket_tag`, options)).toEqual([
      "sub-spans-environments",
    ]);
  });
});
