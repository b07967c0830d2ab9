import { roleName } from "@repo/iam-terraform";
import { repoStackConfig, runNode } from "@repo/local-run";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import type { BuilderToolchain } from "./builderToolchain";
import type { Finding } from "./finding";

/** One run of a deployed task, through the builder's shim, and what the stand-in must show after it. */
export interface SmokeRun {
  kind: string;
  slug: string;
  /** Every parameter, defaults included: Airplane fills them in before the shim sees them. */
  params: Record<string, unknown>;
  /** What must hold in the stand-in afterwards; a string says what went wrong. */
  verify?: (stack: LocalStack) => string | undefined;
}

/** At least one task of each kind, run from its bundle: a read, a write, a bulk write, IAM. */
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

const RUN_RULE =
  "each run starts `node /airplane/.airplane/dist/universal-shim.js <bundle> <export> <params JSON>` in the image, " +
  "which calls require(bundle)[export].__airplane.baseFunc(params) and prints airplane_output_set " +
  "(pkg/build/node/universal-node-shim.js)";

/**
 * Runs the smoke runs from their bundles on the deploy Node, through the builder's shim, against
 * the local stand-in set up from the committed Terraform. `bundles` maps a slug to its bundle.
 */
export async function smokeRuns(
  toolchain: BuilderToolchain,
  shim: string,
  bundles: Map<string, { taskFile: string; bundle: string; exportName: string }>,
): Promise<Finding[]> {
  const stack = await startLocalStack({ config: repoStackConfig() });
  try {
    const findings: Finding[] = [];
    for (const run of SMOKE_RUNS) {
      const deployed = bundles.get(run.slug);
      if (!deployed) {
        findings.push({
          file: `tasks/${run.slug}`,
          rule: RUN_RULE,
          problem: `deploy-check runs ${run.slug} as its ${run.kind} task, but no such task is deployed.`,
          fix: "Update SMOKE_RUNS in tooling/deploy-check/src/smokeRuns.ts to a task of that kind.",
        });
        continue;
      }
      const env = {
        ...stack.runEnv({ taskSlug: run.slug, roleName: roleName(run.slug) }),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      };
      const args = [shim, deployed.bundle, deployed.exportName, JSON.stringify(run.params)];
      const { exitCode, stdout, stderr } = await runNode(args, { node: toolchain.node, env });
      const failure =
        exitCode !== 0 || !stdout.includes("airplane_output_set ")
          ? `the run fails on Node ${toolchain.version}: ${(/airplane_output_set:error (.*)/.exec(stdout)?.[1] ?? stderr.trim()) || `exit code ${exitCode}`}`
          : run.verify?.(stack);
      if (failure) {
        findings.push({
          file: deployed.taskFile,
          rule: RUN_RULE,
          problem: `${run.kind} run of ${run.slug} from its bundle: ${failure}`,
          fix: `Run it against the stand-in (npm run local-stack, then npm run task -- ${run.slug} ...) and make it work on Node ${toolchain.version}.`,
        });
      }
    }
    return findings;
  } finally {
    await stack.stop();
  }
}
