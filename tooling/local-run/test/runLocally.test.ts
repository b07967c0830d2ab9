import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { runCaptured } from "@repo/cli-test";
import { register } from "tsx/cjs/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmRunTask, repoStackConfig } from "../src/index";
import { runLocally } from "../src/runLocally";

const scratch = mkdtempSync(join(tmpdir(), "run-locally-"));

// The usage and an unknown slug load every task, TypeScript through tsx, as the bin registers it.
let unregisterTsx: () => void;
beforeAll(() => {
  unregisterTsx = register();
});

afterAll(() => {
  unregisterTsx();
  rmSync(scratch, { recursive: true, force: true });
});

const local = (...args: string[]) => runCaptured((io) => npmRunTask(["--local", ...args], io));

describe("npm run task -- --local, refusing a command line before starting anything", () => {
  it.each([
    [["--state"], /^--state needs a value\.\n\nUsage: npm run task -- \[--local \[--github\] \[--state <file>\]\]/],
    [
      ["--verbose", "t"],
      /^Unknown option --verbose\. Options: --local, --github, --state, --json, --help\.\n\nUsage: npm run task -- /,
    ],
    [
      ["list_s3_bucket_tags", "--bucket", "demo-bucket", "--json"],
      /^--json is an option of npm run task, not a parameter of list_s3_bucket_tags: put it before the slug, as in npm run task -- --local --json list_s3_bucket_tags --bucket demo-bucket\nSee: npm run task -- list_s3_bucket_tags --help\n$/,
    ],
    [
      ["add_s3_bucket_tag", "--bucket", "demo-bucket", "--key", "k", "--dryrun"],
      /^Unknown parameter --dryrun\. Did you mean --dry_run\? This task takes: --bucket, --key, --value, --dry_run\.\n/,
    ],
    [
      ["list_s3_bucket_tag", "--bucket", "demo-bucket"],
      /^No task has the slug "list_s3_bucket_tag"\. Did you mean list_s3_bucket_tags\?/,
    ],
  ])("refuses %j, saying how to call it", { timeout: 30_000 }, async (args, message) => {
    const { code, stdout, stderr } = await local(...args);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });
});

describe("npm run task -- --local", () => {
  it(
    "runs a task as a fresh Airplane run on a stand-in of its own and prints the trace npm start prints",
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
      (io) => npmRunTask(["--local", "list_s3_bucket_tags", "--bucket", "demo-bucket-eu"], io),
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
      (io) => npmRunTask(["--local", "--json", "list_s3_bucket_tags", "--bucket", "demo-bucket-eu"], io),
      { isTTY: true },
    );
    expect(JSON.parse(json.stdout)).toContainEqual({ key: "team", value: "analytics" });
  });

  it("keeps buckets and tags in --state between commands", { timeout: 90_000 }, async () => {
    const state = join(scratch, "state.json");
    const added = await local(
      "--state",
      state,
      "add_s3_bucket_tag",
      "--bucket",
      "demo-bucket",
      "--key",
      "k",
      "--value",
      "v",
    );
    expect(added.stderr).toBe("");
    expect(added.stdout).toContain(`Buckets and tags kept in ${state}.`);
    const kept = JSON.parse(readFileSync(state, "utf8")) as { buckets: Array<{ name: string; tags: object }> };
    expect(kept.buckets.find((bucket) => bucket.name === "demo-bucket")?.tags).toEqual({
      team: "platform",
      "cost-center": "cc-1234",
      k: "v",
    });

    const listed = await local("--state", state, "--json", "list_s3_bucket_tags", "--bucket", "demo-bucket");
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toContainEqual({ key: "k", value: "v" });
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

      const listed = await local(
        "--github",
        "--json",
        "--state",
        state,
        "list_s3_bucket_tags",
        "--bucket",
        "demo-bucket",
      );
      expect(listed.stderr).toBe("");
      expect(JSON.parse(listed.stdout)).toContainEqual({ key: "owner", value: "data" });
    },
  );
});

// A repository set up for Airplane alone: infra/terraform names no GitHub repository.
function airplaneOnly(...args: Parameters<typeof repoStackConfig>) {
  const { github: _github, ...config } = repoStackConfig(...args);
  return config;
}

describe("npm run task -- --local --github in a repository whose roles trust no GitHub repository", () => {
  it("says how to add one, before starting a stand-in", { timeout: 30_000 }, async () => {
    const request = { slug: "list_s3_bucket_tags", taskArgs: ["--bucket", "demo-bucket"], local: true, github: true };
    const { code, stdout, stderr } = await runCaptured((io) =>
      runLocally({ ...request, json: false }, io, airplaneOnly),
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "infra/terraform trusts no GitHub repository, so no GitHub Actions job may assume a task's role: add one " +
        "with npm run setup, giving --github <owner>/<repo> --github-owner-id <id> --github-repository-id <id> " +
        "(gh api repos/<owner>/<repo> --jq '.owner.id, .id') beside the settings you use, then run this again.\n",
    );
  });
});
