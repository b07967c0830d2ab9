import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBin } from "@repo/cli-test";
import { afterAll, describe, expect, it } from "vitest";
import { describeSettings, readCommittedSettings } from "../src/index";
import { settingsArgs } from "../src/settingsOptions";

// The real command on the real repository: the bin registers tsx and loads the TypeScript tasks,
// which vitest's own require cannot. Read-only: every write goes to a temporary --out.
const bin = join(__dirname, "..", "bin", "airplane-iam.cjs");
const committed = join(__dirname, "..", "..", "..", "infra", "terraform");
const scratch = mkdtempSync(join(tmpdir(), "iam-terraform-cli-"));
// What the repository is set up for (npm run setup).
const settings = readCommittedSettings(committed, "npm run iam");
const SETTINGS_ARGS = settingsArgs(settings);

const airplaneIam = (...args: string[]) => runBin(bin, args);

/** A copy of the committed folder to break. */
function committedCopy(name: string): string {
  const copy = join(scratch, name);
  cpSync(committed, copy, { recursive: true });
  return copy;
}

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

// Each run starts Node and compiles the tasks with tsx (about 2 s of CPU alone); they run side by
// side. While npm test runs every package at once on a loaded two-core machine, starting Node
// alone took 16 s and the five runs overran 30 s: the limit is a guard against hangs, not a target.
describe.concurrent("airplane-iam on this repository", { timeout: 120_000 }, () => {
  it("--check passes on the committed infra/terraform", async () => {
    const { code, stdout, stderr } = await airplaneIam("--check");
    expect(stderr).toBe("");
    expect(stdout).toBe(`infra/terraform is up to date with the tasks (${describeSettings(settings)}).\n`);
    expect(code).toBe(0);
  });

  it("generates from the tasks exactly the committed files, byte for byte", async () => {
    const out = join(scratch, "generated");
    const { code } = await airplaneIam(...SETTINGS_ARGS, "--out", out);
    expect(code).toBe(0);
    const names = readdirSync(out).sort();
    expect(names).toEqual(readdirSync(committed).sort());
    for (const name of names) {
      expect([name, readFileSync(join(out, name), "utf8")]).toEqual([
        name,
        readFileSync(join(committed, name), "utf8"),
      ]);
    }
  });

  it("--check fails on a copy whose task role was edited by hand, naming the file", async () => {
    const copy = committedCopy("role-edited");
    // Whichever tasks the repository has: every task's role trusts a web identity.
    const [taskFile = ""] = readdirSync(copy).filter((name) => name.startsWith("task-"));
    const file = join(copy, taskFile);
    writeFileSync(file, readFileSync(file, "utf8").replace('"sts:AssumeRoleWithWebIdentity"', '"sts:AssumeRole"'));
    const { code, stderr } = await airplaneIam("--check", "--out", copy);
    expect(code).toBe(1);
    expect(stderr).toContain(`  out of date  ${taskFile}\n`);
    expect(stderr).toContain(
      `Regenerate it and commit the result: npm run iam -- ${SETTINGS_ARGS.join(" ")} --out ${copy}\n`,
    );
  });

  it("--check fails on a copy missing a file, naming it", async () => {
    const copy = committedCopy("file-missing");
    // Whichever platforms the repository trusts, it has a file per task role.
    const [taskFile = ""] = readdirSync(copy).filter((name) => name.startsWith("task-"));
    rmSync(join(copy, taskFile));
    const { code, stderr } = await airplaneIam("--check", "--out", copy);
    expect(code).toBe(1);
    expect(stderr).toContain(`  missing      ${taskFile}\n`);
  });

  it("refuses an invalid --team-id before loading any task, and writes nothing", async () => {
    const out = join(scratch, "never-written");
    const { code, stdout, stderr } = await airplaneIam("--team-id", "acme", "--env", "prod", "--out", out);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^--team-id: "acme" is not a team ID/);
    expect(existsSync(out)).toBe(false);
  });
});
