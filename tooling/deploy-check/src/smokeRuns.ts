import { roleName } from "@repo/iam-terraform";
import { runNode } from "@repo/cli-kit";
import { testStackConfig } from "@repo/local-run";
import { needsValue } from "@repo/task-cli";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import type { BuilderToolchain } from "./builderToolchain";
import type { Finding } from "./finding";
import type { LoadedTask } from "./loadBundles";

/** A run of a deployed task with chosen parameters, and what the stand-in must show after it. */
export interface SmokeRun {
  kind: string;
  slug: string;
  /** Every parameter, defaults included: Airplane fills them in before the shim sees them. */
  params: Record<string, unknown>;
  /** What must hold in the stand-in afterwards; a string says what went wrong. */
  verify?: (stack: LocalStack) => string | undefined;
}

/**
 * The repository's tasks with parameters that make them do their job on the stand-in, one of each
 * kind at least; in this order, since the removal undoes the write. Any other task (a new one)
 * runs with its parameters' defaults.
 */
/** The kinds of run that change nothing in the stand-in. */
const READ_ONLY_KINDS = new Set(["identity", "read", "IAM"]);

export const SMOKE_RUNS: SmokeRun[] = [
  { kind: "identity", slug: "get_aws_caller_identity", params: {} },
  { kind: "read", slug: "list_s3_bucket_tags", params: { bucket: "demo-bucket" } },
  {
    kind: "write",
    slug: "add_s3_bucket_tag",
    params: { bucket: "demo-bucket", key: "deployed-by", value: "deploy-check", dry_run: false },
    verify: (stack) => expectTags(stack, "demo-bucket", { "deployed-by": "deploy-check", team: "platform" }),
  },
  {
    kind: "write",
    slug: "remove_s3_bucket_tag",
    params: { bucket: "demo-bucket", key: "deployed-by", dry_run: false },
    verify: (stack) =>
      "deployed-by" in stack.bucketTags("demo-bucket")
        ? "the tag deployed-by is still on demo-bucket"
        : expectTags(stack, "demo-bucket", { team: "platform" }),
  },
  {
    kind: "bulk",
    slug: "tag_s3_buckets",
    params: { key: "checked", value: "yes", prefix: "demo-", concurrency: 2, dry_run: false },
    verify: (stack) =>
      expectTags(stack, "demo-bucket", { checked: "yes" }) ?? expectTags(stack, "demo-bucket-eu", { checked: "yes" }),
  },
  { kind: "IAM", slug: "audit_aws_oidc_roles", params: {} },
];

function expectTags(stack: LocalStack, bucket: string, expected: Record<string, string>): string | undefined {
  const tags = stack.bucketTags(bucket);
  const wrong = Object.entries(expected).filter(([key, value]) => tags[key] !== value);
  return wrong.length === 0
    ? undefined
    : `bucket ${bucket} has tags ${JSON.stringify(tags)}, expected ${JSON.stringify(expected)}`;
}

/**
 * The runs for the deployed tasks: those of SMOKE_RUNS (a task a team removed has none), then
 * every other task with its parameters' defaults. A task with a required parameter and no default
 * cannot be run that way: it is only loaded, and `unrun` names it.
 */
export function plannedRuns(tasks: LoadedTask[]): { runs: SmokeRun[]; unrun: string[] } {
  const known = new Set(SMOKE_RUNS.map((run) => run.slug));
  const deployed = new Set(tasks.map((task) => task.slug));
  const runs = SMOKE_RUNS.filter((run) => deployed.has(run.slug));
  const unrun: string[] = [];
  for (const task of tasks.filter((t) => !known.has(t.slug))) {
    const params = Object.entries(task.parameters);
    if (params.some(([, param]) => needsValue(param))) unrun.push(task.slug);
    else {
      const defaults: Record<string, unknown> = {};
      for (const [slug, param] of params) if (param.default !== undefined) defaults[slug] = param.default;
      runs.push({ kind: "new", slug: task.slug, params: defaults });
    }
  }
  return { runs, unrun };
}

const RUN_RULE =
  "each run starts `node /airplane/.airplane/dist/universal-shim.js <bundle> <export> <params JSON>` in the image, " +
  "which calls require(bundle)[export].__airplane.baseFunc(params) and prints airplane_output_set " +
  "(pkg/build/node/universal-node-shim.js)";

export interface DeployedTask {
  taskFile: string;
  bundle: string;
  exportName: string;
}

/**
 * Runs each planned run from its bundle on the deploy Node, through the builder's shim, against
 * the local stand-in with the roles the generator gives the tasks (trusted for the demo settings,
 * whatever platforms a fork set up: the bundle is what is checked), each with its own token and role.
 */
export async function smokeRuns(
  toolchain: BuilderToolchain,
  shim: string,
  runs: SmokeRun[],
  deployed: Map<string, DeployedTask>,
): Promise<Finding[]> {
  const stack = await startLocalStack({ config: testStackConfig() });
  const smokeRun = async (run: SmokeRun): Promise<Finding | undefined> => {
    const task = deployed.get(run.slug);
    if (!task) {
      return {
        file: `tasks/${run.slug}`,
        rule: RUN_RULE,
        problem: `deploy-check runs ${run.slug} as a ${run.kind} task, but no such task is deployed.`,
        fix: "Update SMOKE_RUNS in tooling/deploy-check/src/smokeRuns.ts.",
      };
    }
    const env = {
      ...stack.runEnv({ taskSlug: run.slug, roleName: roleName(run.slug) }),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
    const args = [shim, task.bundle, task.exportName, JSON.stringify(run.params)];
    const { exitCode, stdout, stderr } = await runNode(args, { node: toolchain.node, env });
    const error = /airplane_output_set:error (.*)/.exec(stdout)?.[1] ?? (stderr.trim() || `exit code ${exitCode}`);
    const failure =
      exitCode !== 0 || !stdout.includes("airplane_output_set ")
        ? `the run fails on Node ${toolchain.version}: ${error}`
        : run.verify?.(stack);
    if (!failure) return undefined;
    return {
      file: task.taskFile,
      rule: RUN_RULE,
      problem: `${run.kind} run of ${run.slug} from its bundle: ${failure}`,
      fix: `Run it against the stand-in (npm run local-stack, then npm run task -- ${run.slug} ...) and make it work on Node ${toolchain.version}.`,
    };
  };
  try {
    // Runs that only read go side by side, each a process mostly waiting on its own start-up; the
    // others (the tag written then removed, the bulk tagging, a new task that may write) one after
    // another, in order, so that no run's write meets another's or a check of it.
    const results = new Map<SmokeRun, Finding | undefined>();
    const inTurn = runs.filter((run) => !READ_ONLY_KINDS.has(run.kind));
    await Promise.all([
      (async () => {
        for (const run of inTurn) results.set(run, await smokeRun(run));
      })(),
      ...runs.filter((run) => READ_ONLY_KINDS.has(run.kind)).map(async (run) => results.set(run, await smokeRun(run))),
    ]);
    const findings = runs.map((run) => results.get(run)).filter((finding) => finding !== undefined);
    return findings;
  } finally {
    await stack.stop();
  }
}
