import { runCaptured } from "@repo/cli-test";
import { npmRunTask, testStackConfig } from "@repo/local-run";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// `npm run task -- --local` with this task: the runner's features that only a task over many
// buckets and accounts shows. Here, not in local-run, so that removing the task takes them along.
const scratch = mkdtempSync(join(tmpdir(), "tag-s3-buckets-local-"));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const local = (...args: string[]) => runCaptured((io) => npmRunTask(["--local", ...args], io, testStackConfig));

describe("npm run task -- --local tag_s3_buckets", () => {
  it(
    "plays the member accounts the task chains into, as its README's multi-account command runs it",
    { timeout: 60_000 },
    async () => {
      const accounts = ["--accounts", "222222222222", "--accounts", "333333333333"];
      const change = ["--prefix", "demo-", "--key", "owner", "--value", "data-platform"];
      const { code, stdout } = await local("tag_s3_buckets", ...accounts, ...change);

      expect(code).toBe(0);
      expect(stdout).toMatch(/then chained into +2 member roles \(sts:AssumeRole\)\n/);
      for (const account of ["222222222222", "333333333333"]) {
        for (const bucket of [`demo-logs-${account}`, `demo-web-${account}`]) {
          expect(stdout).toContain(`"account": "${account}",\n      "bucket": "${bucket}",`);
        }
      }
      expect(stdout).toContain('"summary": "owner=\\"data-platform\\" on 4 buckets in 2 accounts: 4 changed');
      expect(stdout).toMatch(
        /Done in [\d.]+ s: 1 token fetch, 1 STS call, 2 AssumeRoles into member accounts, 10 AWS requests\.\n$/,
      );
      // The task's log, as Airplane shows a run's logs: after the trace, before the output.
      expect(stdout).toMatch(/sts:AssumeRole\)\n(.+\n)*Progress: 4\/4 buckets \(100%\), 0 failed, .*\n(.+\n)*\{\n/);

      // With --json, stdout is the output alone and the log goes to stderr.
      const json = await local("--json", "tag_s3_buckets", ...accounts, ...change);
      expect(json.code, json.stderr).toBe(0);
      expect((JSON.parse(json.stdout) as { summary: string }).summary).toContain("on 4 buckets in 2 accounts");
      expect(json.stderr).toMatch(/^Progress: 4\/4 buckets \(100%\), 0 failed/m);
    },
  );

  it("keeps in --state what a failed run wrote before it failed, as AWS would", { timeout: 60_000 }, async () => {
    const state = join(scratch, "failed-run.json");
    const buckets = ["--buckets", "demo-bucket", "--buckets", "no-such-bucket"];
    const { code, stderr } = await local("--state", state, "tag_s3_buckets", ...buckets, "--key", "k", "--value", "v");
    expect(code).toBe(1);
    expect(stderr).toMatch(/Task tag_s3_buckets failed: .*no-such-bucket/);
    expect(stderr).toContain(`Buckets and tags kept in ${state}.`);
    const kept = JSON.parse(readFileSync(state, "utf8")) as { buckets: Array<{ name: string; tags: object }> };
    expect(kept.buckets.find((bucket) => bucket.name === "demo-bucket")?.tags).toMatchObject({ k: "v" });
  });
});
