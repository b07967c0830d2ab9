import { describe, expect, it } from "vitest";
import { localRunCommand } from "../src/localRunCommand";

describe("localRunCommand, for the messages that point at the local stand-in", () => {
  it("names the run's task, with the -- npm needs", () => {
    expect(localRunCommand({ AIRPLANE_TASK_SLUG: "add_s3_bucket_tag" })).toBe(
      "`npm run task -- --local add_s3_bucket_tag` (with the --, or npm takes --local for itself)",
    );
  });

  it.each([
    ["no slug", {}],
    ["a value that is no slug, which is not pasted into a shell line", { AIRPLANE_TASK_SLUG: "x; rm -rf ~" }],
  ])("says <task_slug> for %s", (_label, env) => {
    expect(localRunCommand(env)).toMatch(/^`npm run task -- --local <task_slug>`/);
  });
});
