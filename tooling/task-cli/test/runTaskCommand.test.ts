import { runBin, runCaptured } from "@repo/cli-test";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runTaskCommand } from "../src/index";

const fixtureTasks = join(__dirname, "fixtures", "tasks");

function runTask(args: string[], { isTTY = false } = {}) {
  return runCaptured((io) => runTaskCommand(args, io, fixtureTasks), { isTTY });
}

beforeEach(() => {
  vi.stubEnv("GREETING", undefined);
  vi.stubEnv("AIRPLANE_TASK_SLUG", undefined);
  vi.stubEnv("AIRPLANE_API_HOST", undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("runTaskCommand", () => {
  it("prints a task's table display as a terminal table on a TTY, with only the display's columns", async () => {
    const { code, stdout } = await runTask(["tabled"], { isTTY: true });
    expect(code).toBe(0);
    // oxlint-disable-next-line no-control-regex -- the colour codes of the header
    const text = stdout.replace(/\u001b\[[0-9;]*m/g, "");
    const rows = text.split("\n").filter((line) => line.includes("│"));
    expect(
      rows.map((row) =>
        row
          .split("│")
          .map((cell) => cell.trim())
          .filter(Boolean),
      ),
    ).toEqual([["Bucket", "Result"], ["logs", "changed"], ["web"]]);
    expect(stdout).not.toContain("eu-west-1");
  });

  it("prints the raw output as JSON with --json on a TTY, and always when stdout is not a TTY", async () => {
    const raw = {
      summary: "2 buckets",
      rows: [
        { bucket: "logs", result: "changed", region: "eu-west-1" },
        { bucket: "web", result: null },
      ],
    };
    expect(JSON.parse((await runTask(["--json", "tabled"], { isTTY: true })).stdout)).toEqual(raw);
    expect(JSON.parse((await runTask(["tabled"])).stdout)).toEqual(raw);
  });

  it("draws a task's progress lines as one live bar on a TTY, and prints its other lines as they are", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { code, stdout } = await runTask(["progressing"], { isTTY: true });
    expect(code).toBe(0);
    expect(log.mock.calls).toEqual([["Listed account 222222222222"]]);
    const [bars = ""] = stdout.split("\n");
    expect(bars).toBe(
      // The bar is cleared for the other line (printed through console.log), then drawn again below it.
      "[######..................] 1/4 buckets 25% · 0 failed · 10.0/s\r\u001b[2K" +
        "[########################] 4/4 buckets 100% · 1 failed · 20.0/s",
    );
    log.mockRestore();
  });

  it("prints the progress lines on stderr with --json or when piped, stdout being the JSON alone", async () => {
    for (const [args, isTTY] of [
      [["--json", "progressing"], true],
      [["progressing"], false],
    ] as const) {
      const { stdout, stderr } = await runTask([...args], { isTTY });
      expect(stderr.split("\n")).toEqual([
        "Progress: 1/4 buckets (25%), 0 failed, 10.0/s after 0.1 s",
        "Listed account 222222222222",
        "Progress: 4/4 buckets (100%), 1 failed, 20.0/s after 0.2 s",
        "",
      ]);
      expect(JSON.parse(stdout)).toEqual({ done: 4 });
    }
  });

  it("runs the task through __airplane with typed params and prints its output as JSON", async () => {
    const { code, stdout, stderr } = await runTask(["echo_params", "--name", "Ada", "--shout", "--times", "3"]);

    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      params: { name: "Ada", shout: true, times: 3 },
      greeting: "hello",
      slug: "echo_params",
    });
  });

  it("sets the task's literal envVars and its slug as Airplane's runtime does, keeping what the shell set", async () => {
    vi.stubEnv("GREETING", "hi");
    vi.stubEnv("AIRPLANE_TASK_SLUG", "other");
    const { stdout } = await runTask(["echo_params", "--name", "Ada"]);
    expect(JSON.parse(stdout)).toMatchObject({ greeting: "hi", slug: "echo_params" });
  });

  it("finds a task whose file is not named after its slug", async () => {
    const { code, stderr } = await runTask(["always_fails"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      "Task always_fails failed: Could not read the bucket's tags.\n  caused by AccessDenied: Access Denied\n",
    );
  });

  it("prints the output a failed run set before failing, with the error, and exits 1", async () => {
    const { code, stdout, stderr } = await runTask(["partly_fails"]);

    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      summary: "2 failed",
      rows: [
        { bucket: "bucket-0", result: "failed" },
        { bucket: "bucket-1", result: "failed" },
      ],
      notes: ["first note"],
      "a key": "odd key",
      error: "2 of 2 buckets failed.",
    });
    // The task's own log lines go to stderr, leaving stdout to the JSON; the protocol lines go nowhere.
    expect(stderr).toBe("a log line\nTask partly_fails failed: 2 of 2 buckets failed.\n");
  });

  it("reads an output the SDK split into chunks (over 8 KiB)", async () => {
    const { stdout } = await runTask(["partly_fails", "--rows", "500"]);
    const output = JSON.parse(stdout) as { rows: unknown[] };
    expect(output.rows).toHaveLength(500);
    expect(output.rows[499]).toEqual({ bucket: "bucket-499", result: "failed" });
  });

  it("lists the tasks and their parameters with --help", async () => {
    const { code, stdout } = await runTask(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("always_fails");
    expect(stdout).toMatch(/--name <shorttext> +\(required\) Who to greet\./);
    expect(stdout).toMatch(/--shout \[true\|false\] +\(optional, default false\)/);
    expect(stdout).toContain("--tags <shorttext> [--tags <shorttext>]... (optional)");
  });

  it("prints the usage on stderr and fails when no task is named", async () => {
    const { code, stdout, stderr } = await runTask([]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^Name the task to run\.\n\nUsage: npm run task -- \[--json\] <task_slug>/);
  });

  it("refuses an unknown option before the slug, naming the ones it takes", async () => {
    const { code, stdout, stderr } = await runTask(["--jsn", "echo_params"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^Unknown option --jsn\. Options: --json, --help\.\n\nUsage: npm run task -- /);
  });

  it("names the tasks there are when the slug is unknown, and points at the list", async () => {
    const { code, stderr } = await runTask(["no_such_task"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'No task has the slug "no_such_task". Tasks: always_fails, echo_params, partly_fails, progressing, tabled.\nSee: npm run task -- --help\n',
    );
  });

  it("suggests the nearest slug for a typo", async () => {
    const { stderr } = await runTask(["echo_param", "--name", "Ada"]);
    expect(stderr).toContain('No task has the slug "echo_param". Did you mean echo_params? Tasks: always_fails');
  });

  it("fails at once, naming the stand-in, when nothing listens at a local AIRPLANE_API_HOST", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    vi.stubEnv("AIRPLANE_API_HOST", `http://127.0.0.1:${port}`);

    const started = performance.now();
    const { code, stdout, stderr } = await runTask(["echo_params", "--name", "Ada"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`Nothing answers at AIRPLANE_API_HOST=http://127.0.0.1:${port}: is the local stand-in`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("says what a boolean takes", async () => {
    const { stderr } = await runTask(["echo_params", "--name", "Ada", "--shout", "maybe"]);
    expect(stderr).toContain('Parameter --shout must be true or false (given alone, it means true); got "maybe".');
  });

  it("refuses bad parameters before running the task and points at the task's help", async () => {
    const { code, stdout, stderr } = await runTask(["echo_params", "--times", "3"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "Missing required parameter --name (Name: Who to greet.).\nSee: npm run task -- echo_params --help\n",
    );
  });
});

describe("the airplane-task executable", () => {
  it("loads TypeScript tasks through tsx and exits 1 on failure", { timeout: 30_000 }, async () => {
    const { code, stderr } = await runBin(join(__dirname, "..", "bin", "airplane-task.cjs"), ["no_such_task"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/No task has the slug "no_such_task"\. Tasks: /);
  });
});
