import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRepoRoot } from "../src/index";
import { validateTaskSlug } from "../src/newTask";

const repo = findRepoRoot();
const bin = join(__dirname, "..", "bin", "airplane-new-task.cjs");
let copy: string;

/** Runs a command in the copy as a user would, with the same Node and PATH. */
function run(command: string, args: string[], cwd = copy) {
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  return spawnSync(command, args, { cwd, encoding: "utf8", env });
}

// A copy of the repository without its installed packages, which it shares through a link: the
// generator writes into the copy, never into this working tree.
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "new-task-"));
  const skipped = /(^|\/)(node_modules|dist|\.turbo|\.git|coverage)(\/|$)/;
  cpSync(repo, copy, { recursive: true, filter: (source) => !skipped.test(relative(repo, source)) });
  symlinkSync(join(repo, "node_modules"), join(copy, "node_modules"));
});

afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
});

describe("validateTaskSlug", () => {
  it.each(["a", "rotate_access_logs", "t2", "x".repeat(49)])("accepts %s", (slug) => {
    expect(validateTaskSlug(slug)).toBe(slug);
  });

  it.each(["", "Rotate", "rotate-logs", "2fast", "_private", "x".repeat(50), "with space"])("rejects %j", (slug) => {
    expect(() => validateTaskSlug(slug)).toThrow(/is not a valid Airplane task slug: use 1 to 49 characters/);
  });
});

describe("npm run new-task", () => {
  it("refuses a slug Airplane would refuse, or one already taken, writing nothing", { timeout: 60_000 }, () => {
    const invalid = run(process.execPath, [bin, "Rotate-Logs", "--no-install"]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('"Rotate-Logs" is not a valid Airplane task slug');

    const taken = run(process.execPath, [bin, "add_s3_bucket_tag", "--no-install"]);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain("tasks/add_s3_bucket_tag already exists");
    expect(existsSync(join(copy, "tasks", "Rotate-Logs"))).toBe(false);
  });

  it(
    "generates a task, with its role, that passes build, typecheck, lint and tests unchanged",
    { timeout: 240_000 },
    () => {
      const generated = run(process.execPath, [bin, "list_demo_buckets", "--no-install"]);
      expect(generated.stderr).toBe("");
      expect(generated.status).toBe(0);
      const taskDir = join(copy, "tasks", "list_demo_buckets");
      for (const file of [
        "package.json",
        "list_demo_buckets.airplane.ts",
        "aws-permissions.json",
        "test/list_demo_buckets.test.ts",
        "test/list_demo_buckets.e2e.test.ts",
      ]) {
        expect(existsSync(join(taskDir, file)), file).toBe(true);
      }
      expect(JSON.parse(readFileSync(join(taskDir, "package.json"), "utf8"))).toMatchObject({
        name: "@tasks/list_demo_buckets",
        airplane: { root: "../.." },
        dependencies: { "@repo/aws-auth": "*" },
      });
      expect(existsSync(join(copy, "infra", "terraform", "task-list_demo_buckets.tf.json"))).toBe(true);

      for (const script of ["build", "typecheck", "lint", "test"]) {
        const result = run("npm", ["run", script], taskDir);
        expect(result.status, `npm run ${script}:\n${result.stdout}\n${result.stderr}`).toBe(0);
      }
      const check = run("npm", ["run", "iam", "--", "--check"]);
      expect(check.status, check.stderr).toBe(0);
      const formatted = run("npx", ["prettier", "--check", "tasks/list_demo_buckets", "infra"]);
      expect(formatted.status, formatted.stdout).toBe(0);
    },
  );
});
