import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRepoRoot } from "../src/index";
import { render, validateTaskSlug } from "../src/newTask";
import type { PackageJson } from "../src/workspace";

const repo = findRepoRoot();
const bin = join(__dirname, "..", "bin", "airplane-new-task.cjs");
let copy: string;

/** Runs a command in the copy as a user would, with the same Node and PATH; several may share the cores. */
function run(command: string, args: string[], cwd = copy) {
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { cwd, encoding: "utf8", env }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
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

describe("render", () => {
  const values = { slug: "my_task", name: "My task", versions: new Map([["airplane", "0.2.85"]]) };

  it("replaces each placeholder once, never reading a value as a template", () => {
    expect(render('import task from "../{{slug}}.airplane"; // {{name}} {{version airplane}}', values)).toBe(
      'import task from "../my_task.airplane"; // My task 0.2.85',
    );
    expect(render("aws_role_arn_{{slug}}", { ...values, slug: "task" })).toBe("aws_role_arn_task");
  });

  it.each([["{{slugs}}"], ["{{version nothing}}"], ["{{slug extra}}"]])("refuses %s", (text) => {
    expect(() => render(text, values)).toThrow(/placeholder|No workspace declares/);
  });
});

describe("npm run new-task", () => {
  it("refuses a slug Airplane would refuse, or one already taken, writing nothing", { timeout: 60_000 }, async () => {
    const invalid = await run(process.execPath, [bin, "Rotate-Logs", "--no-install"]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('"Rotate-Logs" is not a valid Airplane task slug');

    const taken = await run(process.execPath, [bin, "add_s3_bucket_tag", "--no-install"]);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain("tasks/add_s3_bucket_tag already exists");
    expect(existsSync(join(copy, "tasks", "Rotate-Logs"))).toBe(false);
  });

  // The slugs that once broke it: ending in "task" (the README's own example), containing
  // "airplane", the shortest and the longest Airplane allows. All generated in one copy and
  // checked together, by one turbo run, as a user's `npm test` would.
  const slugs = ["my_task", "task", "airplane_inventory", "x", `rotate_${"l".repeat(37)}_task`];

  it(
    "generates tasks, with their roles, that pass build, typecheck, lint and tests unchanged",
    { timeout: 480_000 },
    async () => {
      expect(slugs.at(-1)).toHaveLength(49);
      const printed: string[] = [];
      for (const [index, slug] of slugs.entries()) {
        // The last one records every new workspace in package-lock.json, as a user's would.
        const generated = await run(process.execPath, [
          bin,
          slug,
          ...(index < slugs.length - 1 ? ["--no-install"] : []),
        ]);
        expect(generated.status, generated.stderr).toBe(0);
        printed.push(...[...generated.stdout.matchAll(/^ {2}(npm .*)$/gm)].map((match) => match[1] ?? ""));
        const taskDir = join(copy, "tasks", slug);
        const files = [`${slug}.airplane.ts`, `test/${slug}.test.ts`, `test/${slug}.e2e.test.ts`];
        for (const file of [...files, "package.json", "aws-permissions.json", "tsconfig.json"]) {
          expect(existsSync(join(taskDir, file)), file).toBe(true);
        }
        const packageJson = JSON.parse(readFileSync(join(taskDir, "package.json"), "utf8")) as PackageJson;
        expect(packageJson).toMatchObject({ name: `@tasks/${slug}`, airplane: { root: "../.." } });
        const declared = Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies });
        const imported = files.flatMap((file) => importedPackages(readFileSync(join(taskDir, file), "utf8")));
        expect(declared).toEqual(expect.arrayContaining(imported));
        expect(existsSync(join(copy, "infra", "terraform", `task-${slug}.tf.json`))).toBe(true);
      }

      // The printed next steps, run as printed: each task on the stand-in...
      expect(printed).toEqual(
        slugs.flatMap((slug) => [`npm run task -- --local ${slug}`, `npm test -- --filter=@tasks/${slug}`]),
      );
      const locals = printed.filter((command) => command.startsWith("npm run task"));
      const runs = await Promise.all(locals.map((command) => run("npm", command.split(" ").slice(1))));
      for (const [index, local] of runs.entries()) {
        expect(local.status, `${slugs[index]}:\n${local.stdout}\n${local.stderr}`).toBe(0);
        expect(local.stdout).toContain(`sub team:tea20010101aaaaaaaaaa:env:prod:task:${slugs[index]}\n`);
        expect(local.stdout).toContain('"name": "demo-bucket"');
      }
      // ...and each one's tests, in one turbo run rather than five.
      const filters = printed
        .filter((command) => command.startsWith("npm test"))
        .map((command) => command.split(" ")[3] ?? "");
      const tested = await run("npm", ["test", "--", ...filters, "--output-logs=errors-only"]);
      expect(tested.status, `npm test:\n${tested.stdout}\n${tested.stderr}`).toBe(0);
      expect(tested.stdout).toContain(`${slugs.length * 4} successful`);
      const check = await run("npm", ["run", "iam", "--", "--check"]);
      expect(check.status, check.stderr).toBe(0);
      const formatted = await run("npx", ["prettier", "--check", "tasks", "infra"]);
      expect(formatted.status, formatted.stdout).toBe(0);
    },
  );
});

/** The packages a source file imports: `@scope/name` or `name`, without Node's own or relative paths. */
function importedPackages(source: string): string[] {
  return [...source.matchAll(/from "([^"]+)"/g)]
    .map((match) => match[1] ?? "")
    .filter((specifier) => !specifier.startsWith(".") && !specifier.startsWith("node:"))
    .map((specifier) =>
      specifier
        .split("/")
        .slice(0, specifier.startsWith("@") ? 2 : 1)
        .join("/"),
    );
}
