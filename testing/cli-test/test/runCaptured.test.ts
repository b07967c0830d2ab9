import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBin, runCaptured, runProcess } from "../src/index";

describe("runCaptured", () => {
  it("keeps each stream's text and the exit code of a synchronous command, at once", () => {
    const result = runCaptured((io) => {
      io.stdout.write("a");
      io.stderr.write("b");
      io.stdout.write(`c ${String(io.stdout.isTTY)}`);
      return 3;
    });
    expect(result).toEqual({ code: 3, stdout: "ac false", stderr: "b" });
  });

  it("waits for an asynchronous command, and plays a terminal when asked", async () => {
    const result = runCaptured(
      async (io) => {
        await Promise.resolve();
        io.stdout.write(`tty ${String(io.stdout.isTTY)}`);
        return 0;
      },
      { isTTY: true },
    );
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toEqual({ code: 0, stdout: "tty true", stderr: "" });
  });
});

describe("runBin and runProcess", () => {
  it("give a process's output and exit code, in the directory and environment given", async () => {
    const script =
      "process.stdout.write(process.cwd() + ' ' + process.env.GREETING); console.error('oops'); process.exit(4)";
    const cwd = join(__dirname, "..");
    const result = await runProcess(process.execPath, ["-e", script], { cwd, env: { GREETING: "hi" } });
    expect(result).toEqual({ code: 4, stdout: `${cwd} hi`, stderr: "oops\n" });
  });

  it("runs a bin with this Node and exits 0 when it does", async () => {
    expect(await runBin("-e", ["process.stdout.write(process.argv[1])", "arg"])).toEqual({
      code: 0,
      stdout: "arg",
      stderr: "",
    });
  });

  it("rejects when the program cannot start", async () => {
    await expect(runProcess("/no/such/program", [])).rejects.toThrow(/ENOENT/);
  });
});
