import { testStackConfig } from "@repo/local-run";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import airplane from "airplane";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { leakedSecrets, runTaskInProcess, withRunEnvironment } from "../src";

// Tasks as airplane.task(config, fn) makes them, whose handlers show what a run sees.
const seenEnv = (...names: string[]) => Object.fromEntries(names.map((name) => [name, process.env[name]]));
const report = airplane.task(
  {
    slug: "report_run",
    parameters: {
      bucket: { type: "shorttext", name: "Bucket" },
      count: { type: "integer", name: "Count", default: 1 },
      dry_run: { type: "boolean", name: "Dry run", default: false },
    },
  },
  async (params) => ({
    params,
    env: seenEnv("AIRPLANE_TASK_SLUG", "AIRPLANE_RUN_ID", "AIRPLANE_TOKEN", "GITHUB_RUN_ID", "AWS_PROFILE"),
  }),
);
const failing = airplane.task({ slug: "failing_run", parameters: {} }, async () => {
  // oxlint-disable-next-line no-console -- the run's log, which npm run task shows
  console.log("Progress: 1/2 rows");
  airplane.setOutput({ rows: [{ row: 1, result: "changed" }] });
  throw new Error("1 of 2 rows failed", { cause: new Error(`AIRPLANE_TOKEN was ${process.env.AIRPLANE_TOKEN}`) });
});
// What @actions/core's getIDToken prints on a GitHub runner, with what a task may print itself.
const printing = airplane.task({ slug: "printing_run", parameters: {} }, async () => {
  process.stdout.write("::add-mask::masked-id-token\n");
  // oxlint-disable-next-line no-console -- the run's log, which npm run task shows
  console.log("token: masked-id-token");
  process.stderr.write("a warning of its own\n");
});

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ config: testStackConfig([]) });
});

afterAll(async () => {
  await stack.stop();
});

describe("runTaskInProcess", () => {
  it("calls the handler with the parameters parsed as npm run task parses them, in a new run's environment", async () => {
    const run = await runTaskInProcess(stack, report, ["--bucket", "b", "--count", "3", "--dry_run"]);

    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({
      params: { bucket: "b", count: 3, dry_run: true },
      env: {
        AIRPLANE_TASK_SLUG: "report_run",
        AIRPLANE_RUN_ID: run.env.AIRPLANE_RUN_ID,
        AIRPLANE_TOKEN: run.env.AIRPLANE_TOKEN,
        GITHUB_RUN_ID: undefined,
        AWS_PROFILE: undefined,
      },
    });
    expect(run.env.AWS_ROLE_ARN).toBe(stack.roleArn("airplane-report_run"));
    const next = await runTaskInProcess(stack, report, ["--bucket", "b"]);
    expect(next.env.AIRPLANE_RUN_ID).not.toBe(run.env.AIRPLANE_RUN_ID);
  });

  it("runs the step of the task's GitHub Actions job, with the slug npm run task sets there", async () => {
    const run = await runTaskInProcess(stack, report, ["--bucket", "b"], { github: {} });

    expect(run.output).toMatchObject({
      env: { AIRPLANE_TASK_SLUG: "report_run", AIRPLANE_RUN_ID: undefined, GITHUB_RUN_ID: run.env.GITHUB_RUN_ID },
    });
    expect(run.env.ACTIONS_ID_TOKEN_REQUEST_URL).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it("shows a failed run as npm run task does: the output set before the error, the log, the error", async () => {
    const run = await runTaskInProcess(stack, failing, []);

    expect(run.output).toEqual({ rows: [{ row: 1, result: "changed" }], error: "1 of 2 rows failed" });
    expect(run.log).toEqual(["Progress: 1/2 rows"]);
    expect(run.error).toBeInstanceOf(Error);
    expect(run.failure).toBe(
      `Task failing_run failed: 1 of 2 rows failed\n  caused by AIRPLANE_TOKEN was ${run.env.AIRPLANE_TOKEN}`,
    );
    // The canary check reads what the run printed, the error inspected to its depths included.
    expect(leakedSecrets(stack, run.printed)).toEqual([expect.stringMatching(/^a secret starting /)]);
  });

  it("keeps what the run writes to stdout and stderr in its log, as GitHub's runner shows it in a job", async () => {
    const onAirplane = await runTaskInProcess(stack, printing, []);
    const onGithub = await runTaskInProcess(stack, printing, [], { github: {} });

    expect(onAirplane.log).toEqual(["::add-mask::masked-id-token", "token: masked-id-token", "a warning of its own"]);
    expect(onGithub.log).toEqual(["token: ***", "a warning of its own"]);
    expect(onGithub.printed.join("\n")).not.toContain("masked-id-token");
  });

  it("refuses parameters the task does not take, before the run", async () => {
    await expect(runTaskInProcess(stack, report, ["--bucket", "b", "--cuont", "2"])).rejects.toThrow(
      "Unknown parameter --cuont. Did you mean --count?",
    );
  });
});

describe("withRunEnvironment", () => {
  it("hides the shell's own platform variables from the run and puts back every variable after it", async () => {
    vi.stubEnv("AWS_PROFILE", "shell-profile");
    vi.stubEnv("GITHUB_ACTIONS", "true");
    const before = { ...process.env };
    try {
      const seen = await withRunEnvironment(stack, report, {}, async () => seenEnv("AWS_PROFILE", "GITHUB_ACTIONS"));
      expect(seen).toEqual({ AWS_PROFILE: undefined, GITHUB_ACTIONS: undefined });
      expect(process.env).toEqual(before);

      const failed = await runTaskInProcess(stack, failing, []);
      expect(failed.failure).toMatch(/^Task failing_run failed: /);
      expect(process.env).toEqual(before);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses a second run while one is in progress: they would share one environment", async () => {
    let release = () => {};
    const first = withRunEnvironment(stack, report, {}, () => new Promise<void>((resolve) => (release = resolve)));

    await expect(runTaskInProcess(stack, report, ["--bucket", "b"])).rejects.toThrow(/already in progress/);
    release();
    await first;
    await expect(runTaskInProcess(stack, report, ["--bucket", "b"])).resolves.toMatchObject({ error: undefined });
  });
});
