import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CommandIO, failureText, parseCommandArgs, runCommand, UsageError } from "../src/index";

const USAGE = "Usage: greet [--name <name>]\n";

/** Every write, in order, marked with its stream. */
function recordingIO(): { io: CommandIO; written: string[] } {
  const written: string[] = [];
  const io = {
    stdout: { write: (text: string) => written.push(`stdout: ${text}`) },
    stderr: { write: (text: string) => written.push(`stderr: ${text}`) },
  };
  return { io, written };
}

function greet(args: string[], io: CommandIO, usageExitCode?: number): number {
  return runCommand(io, { usage: USAGE, ...(usageExitCode ? { usageExitCode } : {}) }, () => {
    const { values } = parseCommandArgs(args, { name: { type: "string" } });
    if (values.name === "nobody") throw new Error("No one to greet", { cause: new Error("the list is empty") });
    io.stdout.write(`hello ${values.name ?? "world"}\n`);
    return 0;
  });
}

describe("runCommand", () => {
  it("returns the body's exit code", () => {
    const { io, written } = recordingIO();
    expect(greet(["--name", "Ada"], io)).toBe(0);
    expect(written).toEqual(["stdout: hello Ada\n"]);
  });

  it.each([["--help"], ["-h"]])("prints the usage on stdout for %s and exits 0, running nothing", (flag) => {
    const { io, written } = recordingIO();
    expect(greet(["--name", "Ada", flag], io)).toBe(0);
    expect(written).toEqual([`stdout: ${USAGE}`]);
  });

  it("prints a usage error's message then the usage on stderr, exit 1 or the command's own code", () => {
    const { io, written } = recordingIO();
    expect(greet(["--nmae", "Ada"], io)).toBe(1);
    expect(written).toEqual([
      `stderr: Unknown option --nmae. Did you mean --name? Options: --name, --help.\n\n${USAGE}`,
    ]);
    expect(greet(["--name"], recordingIO().io, 2)).toBe(2);
  });

  it("prints any other error's text and causes, exit 1", () => {
    const { io, written } = recordingIO();
    expect(greet(["--name", "nobody"], io)).toBe(1);
    expect(written).toEqual(["stderr: No one to greet\n  caused by the list is empty\n"]);
  });

  it("makes a usage given as a function only when it prints it", () => {
    let made = 0;
    const usage = () => `${++made} ${USAGE}`;
    const { io, written } = recordingIO();
    expect(runCommand(io, { usage }, () => 0)).toBe(0);
    expect(made).toBe(0);
    expect(runCommand(io, { usage }, () => parseCommandArgs(["-h"], {}) && 0)).toBe(0);
    expect(written).toEqual([`stdout: 1 ${USAGE}`]);
  });

  it("does the same for an asynchronous body", async () => {
    const { io, written } = recordingIO();
    const code = runCommand(io, { usage: USAGE }, async () => {
      await Promise.resolve();
      throw new UsageError("Name someone.");
    });
    expect(await code).toBe(1);
    expect(written).toEqual([`stderr: Name someone.\n\n${USAGE}`]);
  });
});

describe("failureText", () => {
  it("adds a bug's stack frames, which say where to fix it, and only a bug's", () => {
    const bug = (() => {
      try {
        return (undefined as unknown as { name: string }).name;
      } catch (error) {
        return error;
      }
    })();
    const [message, ...frames] = failureText(bug).split("\n");
    expect(message).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect(frames[0]).toMatch(/^\s+at .*runCommand\.test\.ts:\d+:\d+/);
    expect(failureText(new Error("No such bucket")).split("\n")).toEqual(["No such bucket"]);
  });

  it("stops after five causes", () => {
    let error = new Error("0");
    for (let depth = 1; depth <= 7; depth++) error = new Error(String(depth), { cause: error });
    expect(failureText(error).split("\n")).toEqual(["7", ...["6", "5", "4", "3", "2"].map((n) => `  caused by ${n}`)]);
  });
});

// The bin runs in a process of its own: about 1 s to start Node and tsx, more on a loaded machine.
describe("main", { timeout: 30_000 }, () => {
  const bin = (...args: string[]) =>
    spawnSync(process.execPath, [join(__dirname, "fixtures", "greet.cjs"), ...args], { encoding: "utf8" });

  it.each([
    [["--name", "Ada"], 0, "hello Ada\n", ""],
    [["--help"], 0, USAGE, ""],
    [["--name"], 2, "", `--name needs a value.\n\n${USAGE}`],
    [["--name", "nobody"], 1, "", "No one to greet\n  caused by the list is empty\n"],
    [["--crash"], 1, "", "crashed outside runCommand\n"],
  ])("%j exits %i", (args, status, stdout, stderr) => {
    expect(bin(...args)).toMatchObject({ status, stdout, stderr });
  });
});
