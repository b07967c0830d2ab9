import { runCaptured } from "@repo/cli-test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { runTaskCommand } from "../src/index";

let dir: string;
let tasksDir: string;
let summaryFile: string;
const CANARY = "canary-request-token-7c1f";

// Tasks as a user writes them, with the airplane SDK (found from here: they live in a temporary folder).
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "run-summary-"));
  tasksDir = join(dir, "tasks");
  mkdirSync(join(tasksDir, "summary"), { recursive: true });
  const airplane = createRequire(__filename).resolve("airplane");
  writeFileSync(
    join(tasksDir, "summary", "summary.airplane.js"),
    `const airplane = require(${JSON.stringify(airplane)}).default;
const display = { type: "table", value: "{{output.rows}}", columns: [{ label: "Bucket", accessor: "bucket" }, { label: "Result", accessor: "result" }] };
exports.partly = airplane.task({ slug: "partly_tags", name: "Partly tags", outputDisplay: display }, async () => {
  airplane.setOutput([{ bucket: "logs", result: "tagged" }, { bucket: "web|<img src=x>", result: "AccessDenied" }], "rows");
  console.log("a log line");
  throw new Error("1 of 2 buckets failed.");
});
exports.many = airplane.task(
  { slug: "many_rows", parameters: { rows: { type: "integer" } }, outputDisplay: display },
  async ({ rows }) => ({ rows: Array.from({ length: rows }, (_, i) => ({ bucket: "bucket-" + i + "-" + "x".repeat(60), result: "tagged" })) }),
);
`,
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  summaryFile = join(mkdtempSync(join(dir, "step-")), "summary.md");
  vi.stubEnv("GITHUB_STEP_SUMMARY", summaryFile);
  vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", CANARY);
  vi.stubEnv("AIRPLANE_API_HOST", undefined);
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function runTask(args: string[]) {
  return runCaptured((io) => runTaskCommand(args, io, { tasksDir }));
}

describe("npm run task on GitHub Actions (GITHUB_STEP_SUMMARY set)", () => {
  it("fails the job, and appends the rows the task set before failing to the summary", async () => {
    writeFileSync(summaryFile, "An earlier step's summary.\n\n");
    const { code, stdout, stderr } = await runTask(["partly_tags"]);
    expect(code).toBe(1);
    // The log and the output stay where they are off a terminal.
    expect(stderr).toContain("Task partly_tags failed: 1 of 2 buckets failed.");
    expect(JSON.parse(stdout)).toEqual({
      rows: [
        { bucket: "logs", result: "tagged" },
        { bucket: "web|<img src=x>", result: "AccessDenied" },
      ],
      error: "1 of 2 buckets failed.",
    });
    expect(readFileSync(summaryFile, "utf8")).toBe(
      "An earlier step's summary.\n\n" +
        "## Partly tags \\(partly\\_tags\\): failed\n\n" +
        "> 1 of 2 buckets failed\\.\n\n" +
        "| Bucket | Result |\n| --- | --- |\n| logs | tagged |\n| web\\|\\<img src\\=x\\> | AccessDenied |\n\n",
    );
    expect(`${stdout}${stderr}${readFileSync(summaryFile, "utf8")}`).not.toContain(CANARY);
  });

  it("keeps a huge output within GitHub's 1 MiB, the step succeeding and stdout keeping every row", async () => {
    const { code, stdout, stderr } = await runTask(["many_rows", "--rows", "20000"]);
    expect(code, stderr).toBe(0);
    expect((JSON.parse(stdout) as { rows: unknown[] }).rows).toHaveLength(20000);
    expect(statSync(summaryFile).size).toBeLessThanOrEqual(1024 * 1024);
    expect(readFileSync(summaryFile, "utf8")).toMatch(/_The job summary shows the first \d+ of 20000 rows: /);
  });

  it("says in the summary why a run could not start", async () => {
    expect((await runTask(["many_rows", "--rows", "many"])).code).toBe(1);
    expect(readFileSync(summaryFile, "utf8")).toContain(
      '> Parameter \\-\\-rows must be a whole number\\; got \\"many\\"\\.',
    );
  });

  it("keeps the task's outcome when the summary cannot be written, and says why", async () => {
    vi.stubEnv("GITHUB_STEP_SUMMARY", dir);
    const { code, stderr } = await runTask(["many_rows", "--rows", "1"]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^Could not write the job summary: .*EISDIR/);
  });
});
