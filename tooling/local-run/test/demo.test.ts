import { runBin } from "@repo/cli-test";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { terraformDir } from "../src/index";

const bin = join(__dirname, "..", "bin", "airplane-local-demo.cjs");
const scratch: string[] = [];

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/**
 * A repository of plain JavaScript tasks, each with the parameters given and a role that may do
 * nothing, set up as this one is (infra/terraform's settings): one a team cut down to its own tasks.
 */
function repositoryOf(tasks: Record<string, Record<string, { type: string; required?: boolean }>>): string {
  const root = mkdtempSync(join(tmpdir(), "npm-start-"));
  scratch.push(root);
  writeFileSync(join(root, "package.json"), JSON.stringify({ private: true, workspaces: ["tasks/*"] }));
  cpSync(join(terraformDir(), "variables.tf.json"), join(root, "infra", "terraform", "variables.tf.json"));
  for (const [slug, parameters] of Object.entries(tasks)) {
    const dir = join(root, "tasks", slug);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "aws-permissions.json"), '{ "statements": [] }\n');
    const config = JSON.stringify({ slug, parameters });
    writeFileSync(
      join(dir, `${slug}.airplane.js`),
      `exports.default = { __airplane: { type: "function", config: ${config}, baseFunc: async () => ({ ran: "${slug}" }) } };\n`,
    );
  }
  return root;
}

// npm start with add_s3_bucket_tag, the task it shows, is tested in that task's folder, so that it
// goes with the task: here, what it does in a repository without it.
describe("npm start", () => {
  it(
    "runs the first task that needs no parameters, naming it, in a repository without add_s3_bucket_tag",
    { timeout: 60_000 },
    async () => {
      const root = repositoryOf({
        a_needs_input: { bucket: { type: "shorttext" } },
        b_optional_only: { prefix: { type: "shorttext", required: false } },
        c_no_parameters: {},
      });

      const { code, stdout, stderr } = await runBin(bin, [], { cwd: root });

      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^add_s3_bucket_tag, the task npm start shows, is not in this repository any more: it runs b_optional_only instead, the first task that needs no parameters\.\n/,
      );
      // As an Airplane run, or as its GitHub Actions job where the repository trusts GitHub alone.
      expect(stdout).toMatch(/\$ npm run task -- --local (--github )?b_optional_only\n/);
      expect(stdout).toContain('  {\n    "ran": "b_optional_only"\n  }\n');
      expect(stdout).toMatch(/Done in [\d.]+ s: 0 token fetches, 0 STS calls, 0 AWS requests\./);
    },
  );

  it("says what to run, and succeeds, where every task needs parameters", { timeout: 60_000 }, async () => {
    const root = repositoryOf({ needs_input: { bucket: { type: "shorttext" } } });

    const { code, stdout, stderr } = await runBin(bin, [], { cwd: root });

    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(
      "add_s3_bucket_tag, the task npm start shows, is not in this repository any more, and every task it has " +
        "needs parameters. Run one on the local stand-in with npm run task -- --local <task_slug> " +
        "--<parameter> <value> (npm run task -- --help lists them).\n",
    );
  });
});
