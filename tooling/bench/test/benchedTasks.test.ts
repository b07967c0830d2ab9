import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BENCHED_TASKS, requireBenchedTasks } from "../src/benchedTasks";

const root = mkdtempSync(join(tmpdir(), "benched-tasks-"));

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("requireBenchedTasks", () => {
  it("refuses, before measuring, a repository a task was removed from, naming it and what to do", () => {
    const { addTag: removed, tagBuckets: kept } = BENCHED_TASKS;
    mkdirSync(join(root, "tasks", kept), { recursive: true });
    writeFileSync(join(root, "tasks", kept, `${kept}.airplane.ts`), "");

    expect(() => requireBenchedTasks(root, [kept])).not.toThrow();
    expect(() => requireBenchedTasks(root, [removed, kept])).toThrow(
      `npm run bench measures ${removed} and ${kept} beside the guide's versions of them, and this repository ` +
        `no longer has ${removed} (no ${join("tasks", removed, `${removed}.airplane.ts`)}). Restore it from git, ` +
        "or remove the benchmarks too: npm run remove-task -- tooling/bench",
    );
  });
});
