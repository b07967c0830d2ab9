import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBin, runCaptured } from "@repo/cli-test";
import { register } from "tsx/cjs/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeSettings, iamCommand, readCommittedSettings } from "../src/index";
import { settingsArgs } from "../src/settingsOptions";

// The real command on the real repository, read-only: every write goes to a temporary --out. It
// loads the TypeScript tasks through tsx, as its bin does: once as a user types it (a process that
// compiles every task, about 2 s of CPU), the other runs in this process, the tasks loaded once.
const bin = join(__dirname, "..", "bin", "airplane-iam.cjs");
const committed = join(__dirname, "..", "..", "..", "infra", "terraform");
const scratch = mkdtempSync(join(tmpdir(), "iam-terraform-cli-"));
// What the repository is set up for (npm run setup).
const settings = readCommittedSettings(committed, "npm run iam");
const SETTINGS_ARGS = settingsArgs(settings);

const airplaneIam = (...args: string[]) => runBin(bin, args);
const iam = (...args: string[]) => runCaptured((io) => iamCommand(args, io));

let unregisterTsx: () => void;
beforeAll(() => {
  unregisterTsx = register();
});

/** A copy of the committed folder to break. */
function committedCopy(name: string): string {
  const copy = join(scratch, name);
  cpSync(committed, copy, { recursive: true });
  return copy;
}

afterAll(() => {
  unregisterTsx();
  rmSync(scratch, { recursive: true, force: true });
});

// On a loaded two-core machine, starting Node alone has taken 16 s: the limit is a guard against
// hangs, not a target.
describe("npm run iam on this repository", { timeout: 120_000 }, () => {
  it("--check passes on the committed infra/terraform", async () => {
    const { code, stdout, stderr } = await airplaneIam("--check");
    expect(stderr).toBe("");
    expect(stdout).toBe(`infra/terraform is up to date with the tasks (${describeSettings(settings)}).\n`);
    expect(code).toBe(0);
  });

  it("generates from the tasks exactly the committed files, byte for byte", async () => {
    const out = join(scratch, "generated");
    const { code, stderr } = iam(...SETTINGS_ARGS, "--out", out);
    expect(stderr).toBe("");
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
    const { code, stderr } = iam("--check", "--out", copy);
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
    const { code, stderr } = iam("--check", "--out", copy);
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
