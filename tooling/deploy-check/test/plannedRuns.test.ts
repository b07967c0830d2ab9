import { describe, expect, it } from "vitest";
import type { LoadedTask } from "../src/loadBundles";
import { plannedRuns, SMOKE_RUNS } from "../src/smokeRuns";

const task = (slug: string, parameters: LoadedTask["parameters"]): LoadedTask => ({
  exportName: "default",
  type: "task",
  slug,
  envVars: {},
  parameters,
});

describe("plannedRuns", () => {
  it("runs the listed tasks deployed, then a new task with its defaults, and only loads one missing a required value", () => {
    const { runs, unrun } = plannedRuns([
      task("list_s3_bucket_tags", { bucket: { required: true } }),
      task("rotate_logs", { prefix: { required: false, default: "" }, days: { required: true, default: 7 } }),
      task("needs_input", { bucket: { required: true } }),
    ]);
    expect(runs).toEqual([
      SMOKE_RUNS.find((run) => run.slug === "list_s3_bucket_tags"),
      { kind: "new", slug: "rotate_logs", params: { prefix: "", days: 7 } },
    ]);
    expect(unrun).toEqual(["needs_input"]);
  });

  it("covers a read, a write, a bulk and an IAM task", () => {
    expect(new Set(SMOKE_RUNS.map((run) => run.kind))).toEqual(new Set(["identity", "read", "write", "bulk", "IAM"]));
  });
});
