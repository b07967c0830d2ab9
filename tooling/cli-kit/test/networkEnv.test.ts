import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NETWORK_VARIABLES, networkEnv, runNode } from "../src";

const ROOT = resolve(__dirname, "../../..");
const CANARIES = Object.fromEntries(NETWORK_VARIABLES.map((name) => [name, `canary-${name}`]));
// npm reads its own settings (npm_config_*) and rewrites them for the script it runs, so the turbo
// run checks the others; the list itself must equal turbo.json's.
const NOT_NPM = Object.fromEntries(Object.entries(CANARIES).filter(([name]) => !/^npm_config_/i.test(name)));

describe("network variables", () => {
  const dir = mkdtempSync(join(tmpdir(), "network-env-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reach a turbo task in strict mode, through turbo.json's globalPassThroughEnv", () => {
    // A repository of one root task that prints its environment, under this repository's list.
    const turboJson = readFileSync(join(ROOT, "turbo.json"), "utf8").replace(/^\s*\/\/.*$/gm, "");
    const { globalPassThroughEnv } = JSON.parse(turboJson) as { globalPassThroughEnv: string[] };
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name: "probe",
        private: true,
        packageManager: "npm@11.0.0",
        scripts: { probe: `node -e "console.log('ENV' + JSON.stringify(process.env))"` },
      }),
    );
    writeFileSync(join(dir, "package-lock.json"), JSON.stringify({ name: "probe", lockfileVersion: 3, packages: {} }));
    writeFileSync(
      join(dir, "turbo.json"),
      JSON.stringify({ globalPassThroughEnv, tasks: { probe: { cache: false } } }),
    );
    const output = execFileSync(
      join(ROOT, "node_modules/.bin/turbo"),
      ["run", "probe", "--env-mode=strict", "--log-prefix=none"],
      {
        cwd: dir,
        encoding: "utf8",
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TURBO_TELEMETRY_DISABLED: "1",
          ...NOT_NPM,
          NOT_A_NETWORK_VARIABLE: "dropped",
        },
      },
    );
    const line = output.split("\n").find((text) => text.startsWith("ENV{")) ?? "";
    const seen = JSON.parse(line.slice("ENV".length)) as Record<string, string>;
    expect(seen).toMatchObject(NOT_NPM);
    expect(seen.NOT_A_NETWORK_VARIABLE).toBeUndefined();
    expect([...globalPassThroughEnv].sort()).toEqual([...NETWORK_VARIABLES].sort());
  });

  it("reach a child whose environment is rebuilt, and nothing else of the caller's does", async () => {
    const previous = { ...process.env };
    Object.assign(process.env, CANARIES, { NOT_A_NETWORK_VARIABLE: "dropped" });
    try {
      expect(networkEnv()).toEqual(CANARIES);
      const run = await runNode(["-e", "console.log(JSON.stringify(process.env))"], { env: { OWN: "1" } });
      const seen = JSON.parse(run.stdout) as Record<string, string>;
      expect(seen).toMatchObject({ ...CANARIES, OWN: "1" });
      expect(seen.NOT_A_NETWORK_VARIABLE).toBeUndefined();
    } finally {
      process.env = previous;
    }
  });
});
