import { runBin, runCaptured } from "@repo/cli-test";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { runTaskCommand, TASK_RUNTIME_BIN } from "../src/index";

// The fixture tasks are written to a temporary folder for the tests: a *.airplane.js file kept in
// the repository would be registered and deployed by `airplane dev` and `airplane deploy` from the root.
const scratch = mkdtempSync(join(tmpdir(), "task-cli-fixtures-"));
const fixtureTasks = join(scratch, "tasks");

beforeAll(() => {
  mkdirSync(join(fixtureTasks, "echo"), { recursive: true });
  copyFileSync(join(__dirname, "fixtures", "echoTasks.js"), join(fixtureTasks, "echo", "echo_params.airplane.js"));
  mkdirSync(join(scratch, "node_modules"));
  symlinkSync(dirname(require.resolve("airplane/package.json")), join(scratch, "node_modules", "airplane"));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function runTask(args: string[], { isTTY = false } = {}) {
  return runCaptured((io) => runTaskCommand(args, io, { tasksDir: fixtureTasks }), { isTTY });
}

beforeEach(() => {
  vi.stubEnv("GREETING", undefined);
  vi.stubEnv("AIRPLANE_TASK_SLUG", undefined);
  vi.stubEnv("AIRPLANE_API_HOST", undefined);
  // A failure in a shell with no AWS at all adds a hint of its own (tested below).
  vi.stubEnv("AWS_REGION", "us-east-1");
  for (const name of ["local", "github", "state", "json", "name", "shout"]) vi.stubEnv(`npm_config_${name}`, undefined);
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
    expect(stderr).toMatch(
      /^Name the task to run\.\n\nUsage: npm run task -- \[--local \[--github\] \[--state <file>\]\] \[--json\] <task_slug>/,
    );
  });

  it("refuses an unknown option before the slug, naming the ones it takes", async () => {
    const { code, stdout, stderr } = await runTask(["--jsn", "echo_params"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^Unknown option --jsn\. Did you mean --json\? Options: --local, --github, --state, --json, --help\.\n\nUsage: npm run task -- /,
    );
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

describe("npm run task's messages for a command line typed wrong", () => {
  it.each([
    ["--lcoal", "--local"],
    ["--gihtub", "--github"],
  ])("suggests the option a typo before the slug meant: %s", async (typo, meant) => {
    const { code, stderr } = await runTask([typo, "echo_params"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^Unknown option ${typo}\\. Did you mean ${meant}\\? Options: --local, --github, --state, --json, --help\\.`,
      ),
    );
  });

  it("suggests the parameter a typo after the slug meant", async () => {
    const { code, stderr } = await runTask(["echo_params", "--name", "Ada", "--shuot"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      "Unknown parameter --shuot. Did you mean --shout? This task takes: --name, --shout, --times, --tags.\n" +
        "See: npm run task -- echo_params --help\n",
    );
  });

  it.each([
    [["echo_params", "--name", "Ada", "--json"], "--json", "npm run task -- --json echo_params --name Ada"],
    [
      ["--json", "echo_params", "--local", "--name", "Ada"],
      "--local",
      "npm run task -- --json --local echo_params --name Ada",
    ],
    [
      ["echo_params", "--state", "my state.json", "--name", "Ada"],
      "--state",
      "npm run task -- --state 'my state.json' echo_params --name Ada",
    ],
  ])("says a runner option after the slug goes before it: %j", async (args, option, fixed) => {
    const { code, stdout, stderr } = await runTask(args);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `${option} is an option of npm run task, not a parameter of echo_params: put it before the slug, as in ${fixed}\n` +
        "See: npm run task -- echo_params --help\n",
    );
  });

  it("refuses --state or --github without --local, and --local where no stand-in can be started", async () => {
    const state = await runTask(["--state", "s.json", "echo_params", "--name", "Ada"]);
    expect(state.code).toBe(1);
    expect(state.stderr).toMatch(
      /^--state keeps the local stand-in's buckets and tags between runs: give --local too, as in npm run task -- --local --state s\.json echo_params \.\.\./,
    );
    const github = await runTask(["--json", "--github", "echo_params", "--name", "Ada"]);
    expect(github.code).toBe(1);
    expect(github.stderr).toMatch(
      /^--github runs the task as its GitHub Actions job would, on the local stand-in: give --local too, as in npm run task -- --local --github --json echo_params \.\.\./,
    );
    const local = await runTask(["--local", "echo_params", "--name", "Ada"]);
    expect(local.code).toBe(1);
    expect(local.stderr).toMatch(/^--local runs the task on the local stand-in, which npm run task starts\./);
  });

  it("says npm took the options when -- is left out, before running anything", async () => {
    // `npm run task --json tabled`: npm keeps --json (npm_config_json=true) and passes only the slug.
    vi.stubEnv("npm_config_json", "true");
    const json = await runTask(["tabled"]);
    expect(json.code).toBe(1);
    expect(json.stdout).toBe("");
    expect(json.stderr).toMatch(
      /^npm took --json for itself \(it set npm_config_json=true\), so the task never saw it: npm reads every option before a -- as its own\. Put -- right after npm run task: npm run task -- \[--local\] --json tabled \.\.\. \(if an \.npmrc sets json, remove it there\)\.\n\nUsage:/,
    );
    vi.stubEnv("npm_config_json", undefined);

    // `npm run task echo_params --name Ada --shout`: npm keeps --name and --shout and passes "echo_params Ada".
    vi.stubEnv("npm_config_name", "true");
    vi.stubEnv("npm_config_shout", "true");
    const log = vi.spyOn(console, "log");
    const params = await runTask(["echo_params", "Ada"]);
    expect(params.code).toBe(1);
    expect(params.stderr).toMatch(
      /^npm took --name, --shout for itself \(it set npm_config_name=true, npm_config_shout=true\), so the task never saw them: .* npm run task -- \[--local\] echo_params --name \.\.\. --shout \.\.\./,
    );
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it("points a failure in a shell with no AWS at --local, the likely intent of npm run task --local <slug>", async () => {
    vi.stubEnv("AWS_REGION", undefined);
    const { code, stderr } = await runTask(["always_fails"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      "Task always_fails failed: Could not read the bucket's tags.\n  caused by AccessDenied: Access Denied\n" +
        "This shell sets neither AWS_REGION nor AIRPLANE_API_HOST. To run the task on the local stand-in instead " +
        "(no AWS account needed): npm run task -- --local always_fails ... (with the --, or npm takes --local for itself).\n",
    );
  });
});

describe("the airplane-task-runtime executable", () => {
  it("loads TypeScript tasks through tsx and exits 1 on failure", { timeout: 30_000 }, async () => {
    const { code, stderr } = await runBin(TASK_RUNTIME_BIN, ["no_such_task"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/No task has the slug "no_such_task"\. Tasks: /);
  });
});
