import { runCaptured } from "@repo/cli-test";
import { demo, npmRunTask, testStackConfig } from "@repo/local-run";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// `npm run task -- --local` with this task (a mistyped parameter, the writes --state keeps), and
// `npm start`, which shows it. Here, not in local-run, so that removing the task takes them along.
const scratch = mkdtempSync(join(tmpdir(), "add-s3-bucket-tag-local-"));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const local = (...args: string[]) => runCaptured((io) => npmRunTask(["--local", ...args], io, testStackConfig));

describe("npm run task -- --local add_s3_bucket_tag", () => {
  it("refuses a mistyped parameter before starting anything, naming the one it meant", async () => {
    const { code, stdout, stderr } = await local(
      "add_s3_bucket_tag",
      "--bucket",
      "demo-bucket",
      "--key",
      "k",
      "--dryrun",
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^Unknown parameter --dryrun\. Did you mean --dry_run\? This task takes: --bucket, --key, --value, --dry_run\.\n/,
    );
  });

  it("keeps buckets and tags in --state between commands", { timeout: 90_000 }, async () => {
    const state = join(scratch, "state.json");
    const change = ["add_s3_bucket_tag", "--bucket", "demo-bucket", "--value", "v"];

    const added = await local("--state", state, ...change, "--key", "k");
    expect(added.stderr).toBe("");
    expect(added.stdout).toContain(`Buckets and tags kept in ${state}.`);
    const kept = JSON.parse(readFileSync(state, "utf8")) as { buckets: Array<{ name: string; tags: object }> };
    expect(kept.buckets.find((bucket) => bucket.name === "demo-bucket")?.tags).toEqual({
      team: "platform",
      "cost-center": "cc-1234",
      k: "v",
    });

    // The next command's stand-in starts from the file: the first command's tag is there.
    const again = await local("--state", state, "--json", ...change, "--key", "k2");
    expect(again.code, again.stderr).toBe(0);
    const { tags_before } = JSON.parse(again.stdout) as { tags_before: Array<{ key: string; value: string }> };
    expect(tags_before).toContainEqual({ key: "k", value: "v" });
  });
});

describe("npm start", () => {
  it(
    "runs add_s3_bucket_tag on the stand-in as an Airplane run, then as its GitHub Actions job, tracing each",
    { timeout: 60_000 },
    async () => {
      const { code, stdout: trace } = await runCaptured((io) => demo([], io, testStackConfig));

      expect(code, trace).toBe(0);
      // The team and env the repository was set up for (npm run setup), as the stand-in reads them.
      const { teamId, envSlug } = testStackConfig().airplane;
      expect(trace).toContain(`sub team:${teamId}:env:${envSlug}:task:add_s3_bucket_tag`);
      expect(trace).toContain("arn:aws:iam::123456789012:role/airplane-add_s3_bucket_tag");
      expect(trace).toMatch(/with session name +run\w+\.add_s3_bucket_tag/);
      expect(trace).toContain("tags before: cost-center=cc-1234, team=platform");
      expect(trace).toContain("tags after:  cost-center=cc-1234, owner=data-platform, team=platform");
      // Then the job, in the repository the roles trust, with its own token and session.
      const [owner, name] = (testStackConfig().github?.repository ?? "").split("/");
      // In the subject form the repository was set up with: immutable (owner@id/repo@id) or by name.
      expect(trace).toMatch(
        new RegExp(`sub repo:${owner}(@\\d+)?/${name}(@\\d+)?:environment:task-add_s3_bucket_tag\n`),
      );
      expect(trace).toMatch(/with session name +github-\d+-1\.add_s3_bucket_tag/);
      expect(trace).toContain("tags after:  cost-center=cc-5678, owner=data-platform, team=platform");
      // Each run's cost from its own requests.
      expect(trace.match(/Done in [\d.]+ s: 1 token fetch, 1 STS call, 2 AWS requests\./g)).toHaveLength(2);
      expect(trace).not.toMatch(/eyJ[\w-]*\.[\w-]+\.[\w-]+/);
    },
  );
});

describe("npm run task -- --local --github", () => {
  it(
    "runs a task as its GitHub Actions job, printing the job, GitHub's token, the session, the job summary and no token",
    { timeout: 90_000 },
    async () => {
      const state = join(scratch, "github-state.json");
      const args = ["add_s3_bucket_tag", "--bucket", "demo-bucket", "--key", "owner", "--value", "data"];
      const { code, stdout, stderr } = await local("--github", "--state", state, ...args);

      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain(`$ npm run task -- --local --github ${args.join(" ")}\n`);
      expect(stdout).toMatch(
        /GitHub Actions job +\.github\/workflows\/task-add_s3_bucket_tag\.yml of acme\/aws-tasks\n/,
      );
      const runId = /in environment +task-add_s3_bucket_tag \(run (\d{11}), attempt 1, by octocat\)\n/.exec(
        stdout,
      )?.[1];
      expect(stdout).toMatch(
        /1\. GitHub issued an ID token +sub repo:acme@1234567\/aws-tasks@987654321:environment:task-add_s3_bucket_tag\n/,
      );
      expect(stdout).toContain("arn:aws:iam::123456789012:role/airplane-add_s3_bucket_tag");
      expect(stdout).toMatch(new RegExp(`with session name +github-${runId}-1\\.add_s3_bucket_tag\\n`));
      expect(stdout).toMatch(/3\. AWS calls, signed with it +s3:GetBucketTagging, s3Control:TagResource\n/);
      expect(stdout).toContain(
        `Done in ${/Done in ([\d.]+) s/.exec(stdout)?.[1]} s: 1 token fetch, 1 STS call, 2 AWS requests. Buckets and tags kept in ${state}.\n`,
      );
      const summary = stdout.split(
        "\nJob summary ($GITHUB_STEP_SUMMARY, the Markdown GitHub shows on the run's page):\n\n",
      )[1];
      expect(summary).toMatch(/^## Add S3 bucket tag \\\(add\\_s3\\_bucket\\_tag\\\): succeeded\n\n/);
      expect(summary).toContain("- **Value after**: data\n");
      // @actions/core's ::add-mask:: line carries the ID token: consumed, as GitHub's runner does.
      expect(stdout).not.toMatch(/::add-mask::|::debug::|eyJ[\w-]*\.[\w-]+\.[\w-]+/);

      const kept = JSON.parse(readFileSync(state, "utf8")) as { buckets: Array<{ name: string; tags: object }> };
      expect(kept.buckets.find((bucket) => bucket.name === "demo-bucket")?.tags).toMatchObject({ owner: "data" });
    },
  );
});
