import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BENCHED_TASKS, requireBenchedTasks } from "../src/benchedTasks";
import { REPO } from "../src/workDir";

const root = mkdtempSync(join(tmpdir(), "benched-tasks-"));

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("requireBenchedTasks", () => {
  it("passes on this repository, which has the tasks the suites measure", () => {
    expect(() => requireBenchedTasks(REPO, Object.values(BENCHED_TASKS))).not.toThrow();
  });

  it("refuses, before measuring, a repository a task was removed from, naming it and what to do", () => {
    const kept = BENCHED_TASKS.tagBuckets;
    mkdirSync(join(root, "tasks", kept), { recursive: true });
    writeFileSync(join(root, "tasks", kept, `${kept}.airplane.ts`), "");

    expect(() => requireBenchedTasks(root, [kept])).not.toThrow();
    expect(() => requireBenchedTasks(root, [BENCHED_TASKS.addTag, kept])).toThrow(
      "npm run bench measures add_s3_bucket_tag and tag_s3_buckets beside the guide's versions of them, and this " +
        "repository no longer has add_s3_bucket_tag (no tasks/add_s3_bucket_tag/add_s3_bucket_tag.airplane.ts). " +
        "Restore it from git, or remove the benchmarks too: npm run remove-task -- tooling/bench",
    );
  });
});
