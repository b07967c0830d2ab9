import { runCaptured } from "@repo/cli-test";
import { npmRunTask, testStackConfig } from "@repo/local-run";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// `npm run task -- --local` with this task: what the runner prints for a run, a table display and
// a failure. Here, not in local-run, so that removing the task takes them along.
const scratch = mkdtempSync(join(tmpdir(), "list-s3-bucket-tags-local-"));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const local = (...args: string[]) => runCaptured((io) => npmRunTask(["--local", ...args], io, testStackConfig));

describe("npm run task -- --local list_s3_bucket_tags", () => {
  it("refuses --json after the slug, before starting anything, saying where it goes", async () => {
    const { code, stdout, stderr } = await local("list_s3_bucket_tags", "--bucket", "demo-bucket", "--json");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^--json is an option of npm run task, not a parameter of list_s3_bucket_tags: put it before the slug, as in npm run task -- --local --json list_s3_bucket_tags --bucket demo-bucket\nSee: npm run task -- list_s3_bucket_tags --help\n$/,
    );
  });

  it(
    "runs the task as a fresh Airplane run on a stand-in of its own and prints the trace npm start prints",
    { timeout: 60_000 },
    async () => {
      const { code, stdout, stderr } = await local("list_s3_bucket_tags", "--bucket", "demo-bucket-eu");

      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain("$ npm run task -- --local list_s3_bucket_tags --bucket demo-bucket-eu\n");
      expect(stdout).toMatch(/1\. Airplane issued an ID token +sub team:tea\w+:env:[\w-]+:task:list_s3_bucket_tags\n/);
      expect(stdout).toContain("arn:aws:iam::123456789012:role/airplane-list_s3_bucket_tags");
      expect(stdout).toMatch(/with session name +run\w+\.list_s3_bucket_tags/);
      expect(stdout).toMatch(/3\. AWS calls, signed with it +s3:GetBucketTagging/);
      expect(stdout).toContain('"value": "analytics"');
      expect(stdout).toMatch(/Done in [\d.]+ s: 1 token fetch, 1 STS call, 2 AWS requests\.\n$/);
    },
  );

  it("prints the task's table display on a terminal, and JSON with --json", { timeout: 60_000 }, async () => {
    const shown = await runCaptured(
      (io) => npmRunTask(["--local", "list_s3_bucket_tags", "--bucket", "demo-bucket-eu"], io, testStackConfig),
      { isTTY: true },
    );
    expect(shown.code, shown.stderr).toBe(0);
    const rows = stripVTControlCharacters(shown.stdout)
      .split("\n")
      .filter((line) => line.includes("│"));
    const cells = rows.map((row) =>
      row
        .split("│")
        .map((cell) => cell.trim())
        .filter(Boolean),
    );
    expect(cells[0]).toEqual(["Key", "Value"]);
    expect(cells).toContainEqual(["team", "analytics"]);
    expect(shown.stdout).not.toContain('"value": "analytics"');

    const json = await runCaptured(
      (io) =>
        npmRunTask(["--local", "--json", "list_s3_bucket_tags", "--bucket", "demo-bucket-eu"], io, testStackConfig),
      { isTTY: true },
    );
    expect(JSON.parse(json.stdout)).toContainEqual({ key: "team", value: "analytics" });
  });

  it("refuses a state file it did not write, before starting anything", async () => {
    const state = join(scratch, "broken.json");
    writeFileSync(state, "[]");
    const { code, stderr } = await local("--state", state, "list_s3_bucket_tags", "--bucket", "demo-bucket");
    expect(code).toBe(1);
    expect(stderr).toBe(
      `${state} is not a state file of npm run task -- --local: delete it to start afresh.\n  caused by no "buckets" list\n`,
    );
  });

  it("shows the task's error, after the steps the run reached", { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await local("list_s3_bucket_tags", "--bucket", "no-such-bucket");
    expect(code).toBe(1);
    expect(stdout).toContain("2. STS assumed the task's role");
    expect(stderr).toMatch(
      /^Task list_s3_bucket_tags failed: Bucket "no-such-bucket" does not exist \(S3 answered NoSuchBucket\)/,
    );
  });
});
