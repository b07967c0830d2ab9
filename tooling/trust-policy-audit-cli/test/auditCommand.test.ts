import { runBin, runCaptured } from "@repo/cli-test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditCommand } from "../src/auditCommand";

const TEAM = "tea20010101aaaaaaaaaa";
const CORPUS = join(__dirname, "corpus");
const BIN = join(__dirname, "..", "bin", "audit-trust-policy.cjs");
const good = join(CORPUS, "good", "exact-subject-pin.json");
const bad = join(CORPUS, "bad", "no-conditions-at-all.json");
const mediumOnly = join(CORPUS, "bad", "sub-every-task-in-prod.json");

function run(args: string[]) {
  return runCaptured((io) => auditCommand(args, io));
}

function scratchFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "audit-trust-policy-")), name);
  writeFileSync(path, content);
  return path;
}

describe("auditCommand", () => {
  it("exits 0 and says so when a policy has no finding", () => {
    const { code, stdout, stderr } = run([good]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe(`${good}:\nNo findings.\n`);
  });

  it("exits 0 when the worst finding is medium", () => {
    const { code, stdout } = run([mediumOnly]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^MEDIUM +sub-spans-tasks Statement\[0\]: /m);
  });

  it("exits 1 on a critical or high finding and prints the findings most severe first", () => {
    const { code, stdout } = run([bad]);
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe(`${bad}:`);
    expect(lines[1]).toMatch(/^CRITICAL sub-missing Statement\[0\]: .* Fix: /);
    expect(lines[2]).toMatch(/^HIGH +aud-missing Statement\[0\]: .* Fix: /);
    expect(lines[3]).toBe("2 findings: 1 critical, 1 high.");
  });

  it("reads a role as aws iam get-role prints it, and every role of list-roles output", () => {
    const { code, stdout } = run([
      join(CORPUS, "good", "get-role-output.json"),
      join(CORPUS, "good", "list-roles-url-encoded-as-the-sdk-returns.json"),
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("get-role-output.json (role add_s3_bucket_tag):\nNo findings.");
    expect(stdout).toContain(
      "(role ec2-instance):\nNo statement lets Airplane's or GitHub Actions' tokens assume this role",
    );
    expect(stdout).toContain("Audited 3 policies: 0 with critical or high findings.");
  });

  it("takes the expected subject in parts, lists and all", () => {
    const prodOnly = run(["--team-id", TEAM, "--env", "prod,studio", "--task", "add_s3_bucket_tag", good]);
    expect(prodOnly.code).toBe(0);
    expect(prodOnly.stdout).toMatch(/MEDIUM +expected-subject-refused policy: .*env:studio/);
    const otherTask = run(["--team-id", TEAM, "--env", "prod", "--task", "remove_s3_bucket_tag", good]);
    expect(otherTask.code).toBe(1);
    expect(otherTask.stdout).toMatch(/HIGH +sub-unexpected/);
  });

  it("takes full subjects and an audience", () => {
    const subject = `team:${TEAM}:env:prod:task:add_s3_bucket_tag`;
    expect(run(["--subject", subject, "--audience", "sts.amazonaws.com", good]).code).toBe(0);
    expect(run(["--audience", "vault", good]).stdout).toMatch(/HIGH +aud-unexpected/);
  });

  it("audits GitHub's statements against the repository and IDs it is told", () => {
    const byName = join(CORPUS, "bad", "github-name-form-where-ids-are-in-the-token.json");
    const ids = ["--github-owner-id", "1234567", "--github-repository-id", "987654321"];
    const told = run(["--github", "acme/aws-tasks", ...ids, "--task", "add_s3_bucket_tag", byName]);
    expect(told.stdout).toMatch(
      /MEDIUM +sub-name-form Statement\[0\]: "repo:acme\/aws-tasks:environment:task-add_s3_bucket_tag" names/,
    );
    expect(run(["--github", "acme/aws-tasks", "--task", "add_s3_bucket_tag", byName]).stdout).toContain("No findings.");
    const wide = run([join(CORPUS, "bad", "github-any-owner.json")]);
    expect(wide.code).toBe(1);
    expect(wide.stdout).toMatch(/CRITICAL sub-spans-owners/);
  });

  it("prints JSON with --json", () => {
    const { code, stdout } = run(["--json", bad, good]);
    expect(code).toBe(1);
    const output = JSON.parse(stdout) as {
      results: { source: string; platforms: string[]; findings: { code: string }[] }[];
      errors: unknown[];
    };
    expect(output.errors).toEqual([]);
    expect(
      output.results.map((result) => [result.source, result.platforms, result.findings.map((f) => f.code)]),
    ).toEqual([
      [bad, ["airplane"], ["sub-missing", "aud-missing"]],
      [good, ["airplane"], []],
    ]);
  });

  it.each([
    ["a missing file", () => join(CORPUS, "no-such-file.json"), /^Cannot read .*no-such-file\.json: no such file\.$/m],
    ["a file that is not JSON", () => scratchFile("broken.json", "{"), /broken\.json is not JSON: /],
    [
      "JSON that is not a policy or a role",
      () => scratchFile("other.json", '{"Users": []}'),
      /is neither a trust policy .* nor "aws iam list-roles" output/,
    ],
    [
      "a policy IAM would refuse",
      () => scratchFile("refused.json", '{"Statement": {"Effect": "Allow", "Action": "nope"}}'),
      /refused\.json: not a trust policy IAM would accept: Statement\[0\]\.Action: "nope" is not an action/,
    ],
  ])("exits 2 with a clear message on %s, after auditing the other files", (_, makeFile, message) => {
    const { code, stdout, stderr } = run([makeFile(), bad]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toContain("CRITICAL sub-missing");
  });

  it.each([
    ["no file", [], /Name at least one policy file/],
    ["an unknown option", ["--team", TEAM, good], /^Unknown option --team\. Options: --team-id, --env, --task, /],
    ["an invalid task slug", ["--task", "Add S3 bucket tag", good], /^--task: "Add S3 bucket tag" is not valid/],
    [
      "an ID without its repository",
      ["--github-owner-id", "1", good],
      /^--github-owner-id: an ID goes with its repository/,
    ],
    [
      "a subject and parts together",
      ["--subject", `team:${TEAM}:env:prod:task:x`, "--env", "prod", good],
      /^--subject: give full subjects or their parts .*not both/,
    ],
  ])("exits 2 on %s and says what to write", (_, args, message) => {
    const { code, stdout, stderr } = run(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });

  it("prints the usage with --help", () => {
    const { code, stdout } = run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: audit-trust-policy \[options\] <file\.json>\.\.\./);
  });
});

const spawnBin = (args: string[]) => runBin(BIN, args);

// Each run starts Node and compiles the audit with tsx: about 1.5 s alone, over 6 s on a loaded two-core machine.
describe("the audit-trust-policy bin", { timeout: 30_000 }, () => {
  it.concurrent("exits 0 on a good policy", async () => {
    expect(await spawnBin([good])).toEqual({ code: 0, stdout: `${good}:\nNo findings.\n`, stderr: "" });
  });

  it.concurrent("exits 1 on a bad one and prints its findings", async () => {
    const { code, stdout } = await spawnBin([bad]);
    expect(code).toBe(1);
    expect(stdout).toContain("CRITICAL sub-missing Statement[0]: No condition restricts api.airplane.dev:sub");
  });

  it.concurrent("exits 2 on unreadable input", async () => {
    const { code, stderr } = await spawnBin([join(CORPUS, "missing.json")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot read .*missing\.json: no such file\./);
  });

  it.concurrent("prints JSON with --json", async () => {
    const { code, stdout } = await spawnBin(["--json", bad]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      results: [{ source: bad, findings: [{ code: "sub-missing" }, { code: "aud-missing" }] }],
    });
  });
});
