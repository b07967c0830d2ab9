import { describe, expect, it } from "vitest";
import { roleSessionNameForRun, runUserAgent, sessionTagsForRun } from "../src/run";
import { checkRoleSessionName } from "../src/settings";

const GITHUB_RUN = {
  GITHUB_ACTIONS: "true",
  GITHUB_RUN_ID: "16010010001",
  GITHUB_RUN_ATTEMPT: "2",
  GITHUB_ACTOR: "octocat",
  GITHUB_REPOSITORY: "acme/aws-tasks",
  AIRPLANE_TASK_SLUG: "add_s3_bucket_tag",
};

describe("roleSessionNameForRun", () => {
  it("names the session after the run and the task", () => {
    expect(roleSessionNameForRun({ AIRPLANE_RUN_ID: "run20260101abc", AIRPLANE_TASK_SLUG: "add_s3_bucket_tag" })).toBe(
      "run20260101abc.add_s3_bucket_tag",
    );
  });

  it("names a GitHub Actions session after the run ID and attempt, and the task", () => {
    expect(roleSessionNameForRun(GITHUB_RUN)).toBe("github-16010010001-2.add_s3_bucket_tag");
    expect(roleSessionNameForRun({ ...GITHUB_RUN, GITHUB_RUN_ATTEMPT: undefined })).toBe(
      "github-16010010001-1.add_s3_bucket_tag",
    );
  });

  it("keeps an Airplane run (the stand-in's, in a GitHub Actions job) an Airplane run", () => {
    expect(roleSessionNameForRun({ ...GITHUB_RUN, AIRPLANE_RUN_ID: "run20260101abc" })).toBe(
      "run20260101abc.add_s3_bucket_tag",
    );
  });

  it("keeps the whole run ID and drops the slug when both do not fit in 64 characters", () => {
    const runId = "run" + "a".repeat(30);
    const name = roleSessionNameForRun({ AIRPLANE_RUN_ID: runId, AIRPLANE_TASK_SLUG: "s".repeat(40) });
    expect(name).toBe(runId);
    expect(roleSessionNameForRun({ ...GITHUB_RUN, AIRPLANE_TASK_SLUG: "s".repeat(49) })).toBe("github-16010010001-2");
  });

  it("truncates a run ID longer than 64 characters", () => {
    expect(roleSessionNameForRun({ AIRPLANE_RUN_ID: "r".repeat(80) })).toHaveLength(64);
  });

  it("replaces characters STS does not allow", () => {
    expect(roleSessionNameForRun({ AIRPLANE_RUN_ID: "run 1/2:3", AIRPLANE_TASK_SLUG: "t" })).toBe("run-1-2-3.t");
  });

  it("pads a one-character run ID to STS's minimum of two", () => {
    expect(roleSessionNameForRun({ AIRPLANE_RUN_ID: "r" })).toBe("run-r");
  });

  it("falls back to the task slug outside a run", () => {
    expect(roleSessionNameForRun({ AIRPLANE_TASK_SLUG: "list_s3_bucket_tags" })).toBe("aws-auth.list_s3_bucket_tags");
    expect(roleSessionNameForRun({})).toBe("aws-auth.task");
  });

  it("always produces a name STS accepts", () => {
    for (const env of [
      {},
      { AIRPLANE_RUN_ID: "x" },
      { AIRPLANE_RUN_ID: "é".repeat(70), AIRPLANE_TASK_SLUG: "a" },
      GITHUB_RUN,
    ]) {
      expect(roleSessionNameForRun(env)).toMatch(/^[\w+=,.@-]{2,64}$/);
    }
  });
});

describe("runUserAgent", () => {
  it("names the platform and the run", () => {
    expect(runUserAgent({ AIRPLANE_RUN_ID: "run1" })).toEqual([["airplane-run", "run1"]]);
    expect(runUserAgent(GITHUB_RUN)).toEqual([["github-run", "16010010001-2"]]);
    expect(runUserAgent({})).toEqual([]);
  });
});

describe("sessionTagsForRun", () => {
  it("tags a GitHub run with the same keys as an Airplane run", () => {
    expect(sessionTagsForRun(GITHUB_RUN)).toEqual([
      { Key: "Platform", Value: "github" },
      { Key: "RunId", Value: "16010010001-2" },
      { Key: "Task", Value: "add_s3_bucket_tag" },
      { Key: "Requester", Value: "octocat" },
      { Key: "Repository", Value: "acme/aws-tasks" },
    ]);
    expect(
      sessionTagsForRun({ AIRPLANE_RUN_ID: "run1", AIRPLANE_TASK_SLUG: "t", AIRPLANE_REQUESTER_ID: "usr1" }).map(
        (tag) => tag.Key,
      ),
    ).toEqual(["Platform", "RunId", "Task", "Requester"]);
  });

  it("sanitizes values STS would refuse", () => {
    expect(sessionTagsForRun({ AIRPLANE_RUN_ID: "run<1>" })).toContainEqual({ Key: "RunId", Value: "run_1_" });
  });
});

describe("checkRoleSessionName", () => {
  it("accepts a valid name", () => {
    expect(checkRoleSessionName("ops@example.com", "roleSessionName")).toBe("ops@example.com");
  });

  it.each(["a", "x".repeat(65), "has space", "slash/name"])("rejects %j and names the setting", (name) => {
    expect(() => checkRoleSessionName(name, "AWS_ROLE_SESSION_NAME")).toThrow(/AWS_ROLE_SESSION_NAME .* 2 to 64/);
  });
});
