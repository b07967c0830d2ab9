import { describe, expect, it } from "vitest";
import { roleSessionNameForRun, validateRoleSessionName } from "../src/roleSessionName";

describe("roleSessionNameForRun", () => {
  it("names the session after the run and the task", () => {
    expect(roleSessionNameForRun({ AIRPLANE_RUN_ID: "run20260101abc", AIRPLANE_TASK_SLUG: "add_s3_bucket_tag" })).toBe(
      "run20260101abc.add_s3_bucket_tag",
    );
  });

  it("keeps the whole run ID and drops the slug when both do not fit in 64 characters", () => {
    const runId = "run" + "a".repeat(30);
    const name = roleSessionNameForRun({ AIRPLANE_RUN_ID: runId, AIRPLANE_TASK_SLUG: "s".repeat(40) });
    expect(name).toBe(runId);
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
    expect(roleSessionNameForRun({ AIRPLANE_TASK_SLUG: "list_s3_bucket_tags" })).toBe("airplane.list_s3_bucket_tags");
    expect(roleSessionNameForRun({})).toBe("airplane.task");
  });

  it("always produces a name STS accepts", () => {
    for (const env of [{}, { AIRPLANE_RUN_ID: "x" }, { AIRPLANE_RUN_ID: "é".repeat(70), AIRPLANE_TASK_SLUG: "a" }]) {
      expect(roleSessionNameForRun(env)).toMatch(/^[\w+=,.@-]{2,64}$/);
    }
  });
});

describe("validateRoleSessionName", () => {
  it("accepts a valid name", () => {
    expect(validateRoleSessionName("ops@example.com", "roleSessionName")).toBe("ops@example.com");
  });

  it.each(["a", "x".repeat(65), "has space", "slash/name"])("rejects %j and names the setting", (name) => {
    expect(() => validateRoleSessionName(name, "AWS_ROLE_SESSION_NAME")).toThrow(/AWS_ROLE_SESSION_NAME .* 2 to 64/);
  });
});
