import { runProcess } from "@repo/cli-test";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseTaskArgs } from "../src/index";
import { pinnedAction, readPinnedActions } from "../src/pinnedActions";
import type { ParameterConfig, TaskConfig } from "../src/taskDefinition";
import { taskRunScript } from "../src/taskRunScript";
import { taskWorkflow, type WorkflowSources } from "../src/taskWorkflow";
import { workflowProblems } from "../src/validateWorkflow";
import { taskInputs, TaskWorkflowError } from "../src/workflowInputs";

const CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1";
const SETUP_NODE = "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020";
const sources: WorkflowSources = {
  taskFile: "tasks/bulk/bulk.airplane.ts",
  checkout: { uses: CHECKOUT, version: "v7.0.1" },
  setupNode: { uses: SETUP_NODE, version: "v7.0.0" },
};

// One parameter of each kind the generator maps, as `airplane.task` normalizes them.
const BULK: TaskConfig = {
  slug: "bulk",
  name: "Bulk",
  description: "Tags many buckets.",
  parameters: {
    key: { type: "shorttext", name: "Tag key", description: "The key." },
    value: { type: "shorttext", name: "Tag value", required: false, default: "" },
    notes: { type: "longtext", name: "Notes", required: false },
    query: { type: "sql", name: "Query", required: false },
    since: { type: "date", name: "Since", required: false },
    at: { type: "datetime", name: "At", required: false },
    filter: { type: "json", name: "Filter", required: false, default: { any: true } },
    dry_run: { type: "boolean", name: "Dry run", default: false },
    concurrency: { type: "integer", name: "Concurrency", default: 8 },
    ratio: { type: "float", name: "Ratio", required: false },
    mode: {
      type: "shorttext",
      name: "Mode",
      options: ["fast", { label: "Careful", value: "careful" }],
      default: "fast",
    },
    buckets: { type: "shorttext", name: "Buckets", multi: true, required: false },
    regions: { type: "shorttext", name: "Regions", multi: true, required: false, options: ["eu-west-1", "us-east-1"] },
    code: { type: "shorttext", name: "Code", regex: "^[A-Z]+$", required: false },
  },
};

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

function parameters(count: number, type = "shorttext"): Record<string, ParameterConfig> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i + 1}`, { type }]));
}

describe("taskInputs", () => {
  it("types each parameter as a workflow_dispatch input, keeping required, default and description", () => {
    const inputs = Object.fromEntries(taskInputs(BULK).map(({ parameter, input }) => [parameter, input]));
    expect(inputs).toEqual({
      key: { description: "Tag key: The key.", type: "string", required: true },
      value: { description: "Tag value", type: "string", required: false, default: "" },
      notes: { description: "Notes", type: "string", required: false },
      query: { description: "Query", type: "string", required: false },
      since: { description: "Since An ISO 8601 date, e.g. 2026-01-31.", type: "string", required: false },
      at: { description: "At An ISO 8601 date and time, e.g. 2026-01-31T09:00:00Z.", type: "string", required: false },
      filter: { description: "Filter JSON.", type: "string", required: false, default: '{"any":true}' },
      dry_run: { description: "Dry run", type: "boolean", required: true, default: false },
      concurrency: { description: "Concurrency", type: "number", required: true, default: 8 },
      ratio: { description: "Ratio", type: "number", required: false },
      mode: { description: "Mode", type: "choice", required: true, default: "fast", options: ["fast", "careful"] },
      buckets: {
        description: "Buckets Several values: separate them with commas.",
        type: "string",
        required: false,
      },
      regions: {
        description: "Regions One or more of: eu-west-1, us-east-1. Several values: separate them with commas.",
        type: "string",
        required: false,
      },
      code: { description: "Code Must match ^[A-Z]+$.", type: "string", required: false },
    });
  });

  it("refuses what a workflow cannot carry, naming the task and every parameter at fault", () => {
    const config: TaskConfig = {
      slug: "too_much",
      parameters: {
        ...parameters(24),
        file: { type: "upload" },
        secret: { type: "configvar", regex: "^.*$" },
        picked: { type: "shorttext", options: { slug: "list_things" } },
      },
    };
    const error = captureError(() => taskInputs(config));
    expect(error).toBeInstanceOf(TaskWorkflowError);
    expect(error.message).toMatch(/^Task too_much cannot run as a GitHub workflow: /);
    expect(error.message).toContain("parameter file is of type upload, which only Airplane provides");
    expect(error.message).toContain("parameter secret is of type configvar");
    expect(error.message).toContain("parameter picked takes its options from task list_things's output");
    expect(error.message).toContain("it has 27 parameters and a GitHub workflow_dispatch takes at most 25 inputs");
    expect(error.message).toContain(": secret, picked do not fit");
  });

  it("takes 25 parameters, and refuses the 26th by name", () => {
    expect(taskInputs({ slug: "full", parameters: parameters(25) })).toHaveLength(25);
    expect(() => taskInputs({ slug: "over", parameters: parameters(26) })).toThrow(
      /Task over .* 26 parameters .* p26 do not fit/,
    );
  });
});

describe("taskWorkflow", () => {
  it("is a workflow GitHub's parser accepts, run in the task's environment with the ID token only", async () => {
    const text = await taskWorkflow(BULK, sources, join(tempDir("workflow-"), "task-bulk.yml"));
    expect(await workflowProblems("task-bulk.yml", text)).toEqual([]);
    expect(text.startsWith("# Generated by @repo/task-cli (npm run workflows) from tasks/bulk/bulk.airplane.ts")).toBe(
      true,
    );
    const workflow = parse(text) as GeneratedWorkflow;
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(Object.keys(BULK.parameters ?? {}));
    const job = workflow.jobs.run;
    expect(job).toMatchObject({
      environment: "task-bulk",
      permissions: { contents: "read", "id-token": "write" },
      "timeout-minutes": 60,
    });
    expect(job.steps.slice(0, 3)).toEqual([
      { uses: CHECKOUT, with: { "persist-credentials": false } },
      { uses: SETUP_NODE, with: { "node-version-file": ".nvmrc", cache: "npm" } },
      { run: "npm ci" },
    ]);
    expect(text).toContain(`${CHECKOUT} # v7.0.1`);
    const run = job.steps[3];
    expect(run?.env).toMatchObject({
      AWS_ROLE_ARN: "${{ vars.AWS_ROLE_ARN }}",
      AWS_REGION: "${{ vars.AWS_REGION }}",
      PARAM_KEY: "${{ inputs.key }}",
      PARAM_DRY_RUN: "${{ inputs.dry_run }}",
    });
    // Every input reaches the script through env: an expression in `run` would be spliced into the code.
    expect(Object.keys(run?.env ?? {})).toHaveLength(2 + Object.keys(BULK.parameters ?? {}).length);
    expect(run?.run).not.toContain("${{");
    expect(run?.run).toContain('npm run task -- bulk "${args[@]}"');
  });

  it("turns Airplane's timeout into the job's, in whole minutes, and keeps the description as a comment", async () => {
    const config: TaskConfig = { slug: "slow", timeout: 5430, description: "Takes long.\nVery long." };
    const text = await taskWorkflow(config, sources, join(tempDir("workflow-"), "t.yml"));
    expect((parse(text) as GeneratedWorkflow).jobs.run["timeout-minutes"]).toBe(91);
    expect(text).toContain("\n\n# Takes long.\n# Very long.\n\nname: slow\n");
  });
});

describe("workflowProblems (GitHub's parser)", () => {
  const workflow = (inputs: string, permission = "write") =>
    [
      "on:",
      "  workflow_dispatch:",
      "    inputs:",
      inputs,
      "jobs:",
      "  run:",
      "    runs-on: ubuntu-latest",
      "    permissions:",
      `      id-token: ${permission}`,
      "    steps:",
      "      - run: npm ci",
      "",
    ].join("\n");
  const stringInputs = (count: number) =>
    Array.from({ length: count }, (_, i) => `      p${i}:\n        type: string`).join("\n");

  it("accepts 25 inputs", async () => {
    expect(await workflowProblems("ok.yml", workflow(stringInputs(25)))).toEqual([]);
  });

  it.each([
    ["26 inputs", workflow(stringInputs(26)), /workflow_dispatch has 26 inputs; GitHub takes at most 25/],
    ["a permission GitHub does not know", workflow(stringInputs(1), "admin"), /Unexpected value 'admin'/],
    ["a choice without options", workflow("      p:\n        type: choice"), /Missing 'options' for choice input/],
    [
      "a boolean input defaulting to text",
      workflow("      p:\n        type: boolean\n        default: yes"),
      /The type 'BooleanToken' was expected/,
    ],
  ])("refuses %s", async (_, text, problem) => {
    const problems = await workflowProblems("broken.yml", text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });
});

describe("taskRunScript, run by bash as the job runs it", () => {
  // An `npm` that records its arguments: what `npm run task` would be given.
  async function runStep(config: TaskConfig, env: Record<string, string>): Promise<string[]> {
    const dir = tempDir("run-step-");
    const npm = join(dir, "npm");
    writeFileSync(
      npm,
      `#!${process.execPath}\nrequire("node:fs").writeFileSync(${JSON.stringify(join(dir, "argv.json"))}, JSON.stringify(process.argv.slice(2)));\n`,
    );
    chmodSync(npm, 0o755);
    const script = taskRunScript(config.slug, taskInputs(config));
    // GitHub's `shell: bash`.
    const result = await runProcess("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      cwd: dir,
      env: { PATH: `${dir}:${process.env.PATH ?? ""}`, ...env },
    });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(readFileSync(join(dir, "argv.json"), "utf8")) as string[];
  }

  it("passes every value as data, one --name=value argument each, whatever it holds", async () => {
    const dir = tempDir("injection-");
    const hostile = [
      `$(touch ${dir}/substituted)`,
      `\`touch ${dir}/backticks\``,
      `"; touch ${dir}/quoted; "`,
      "--dry_run=true",
      "line one\nline two",
      " spaced  ",
    ];
    for (const value of hostile) {
      const argv = await runStep(BULK, { PARAM_KEY: value, PARAM_DRY_RUN: "false", PARAM_CONCURRENCY: "8" });
      expect(argv.slice(0, 4)).toEqual(["run", "task", "--", "bulk"]);
      expect(parseTaskArgs(argv.slice(4), BULK.parameters)).toMatchObject({ key: value, dry_run: false });
    }
    expect(["substituted", "backticks", "quoted"].filter((name) => existsSync(join(dir, name)))).toEqual([]);
  });

  it("passes no flag for an empty input, so the task's default applies", async () => {
    const argv = await runStep(BULK, { PARAM_KEY: "team", PARAM_VALUE: "", PARAM_DRY_RUN: "true" });
    expect(argv.slice(4)).toEqual(["--key=team", "--dry_run=true"]);
    expect(parseTaskArgs(argv.slice(4), BULK.parameters)).toMatchObject({ value: "", concurrency: 8, mode: "fast" });
  });

  it("splits a multi-value input at its commas into one flag each, dropping spaces and empty values", async () => {
    const argv = await runStep(BULK, { PARAM_KEY: "k", PARAM_BUCKETS: " logs, web ,,data-2026 ", PARAM_REGIONS: "" });
    expect(argv.slice(4)).toEqual(["--key=k", "--buckets=logs", "--buckets=web", "--buckets=data-2026"]);
    expect(parseTaskArgs(argv.slice(4), BULK.parameters)).toMatchObject({ buckets: ["logs", "web", "data-2026"] });
  });

  it("runs a task without parameters as it is", async () => {
    expect(await runStep({ slug: "who_am_i" }, {})).toEqual(["run", "task", "--", "who_am_i"]);
  });
});

describe("readPinnedActions", () => {
  it("reads the commit and release tag of each pinned action, ignoring actions pinned by tag", () => {
    const ci = readFileSync(join(__dirname, "..", "..", "..", ".github", "workflows", "ci.yml"), "utf8");
    const pinned = readPinnedActions(`${ci}\n      - uses: actions/cache@v5\n`);
    expect(pinnedAction(pinned, "actions/checkout", "ci.yml")).toEqual({ uses: CHECKOUT, version: "v7.0.1" });
    expect(pinnedAction(pinned, "actions/setup-node", "ci.yml").uses).toMatch(/^actions\/setup-node@[0-9a-f]{40}$/);
    const byTag = readPinnedActions("steps:\n  - uses: actions/checkout@v7\n");
    expect(() => pinnedAction(byTag, "actions/checkout", "ci.yml")).toThrow(
      "ci.yml runs no actions/checkout pinned to a commit",
    );
  });
});

interface GeneratedWorkflow {
  on: { workflow_dispatch: { inputs: Record<string, unknown> } };
  jobs: {
    run: {
      environment: string;
      "timeout-minutes": number;
      steps: { uses?: string; run?: string; env?: Record<string, string> }[];
    };
  };
}

function captureError(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error("Expected an error.");
}
