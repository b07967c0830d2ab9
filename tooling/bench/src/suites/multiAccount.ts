import { roleName } from "@repo/iam-terraform";
import { memberAccountRoles, testStackConfig } from "@repo/local-run";
import { type BucketConfig, DEMO_ACCOUNT_ID, SERVICE_NAMES, startLocalStack } from "@repo/local-stack";
import { findRepoRoot } from "@repo/task-cli";
import { round, runNode, taskOutput } from "../measure";
import { deployedBundle, SHIM, benchedTaskFile } from "../workDir";
import { BENCHED_TASKS } from "../benchedTasks";

export interface MultiAccountRun {
  accounts: number;
  bucketsPerAccount: number;
  /** From the call into the task to its output. */
  taskMs: number;
  maxRssMiB: number;
  requests: number;
  tokenFetches: number;
  assumeRoleWithWebIdentity: number;
  assumeRole: number;
  rows: number;
  failedRows: number;
}

export interface MultiAccountResult {
  latencyMs: number;
  concurrency: number;
  runs: MultiAccountRun[];
}

const TASK = BENCHED_TASKS.tagBuckets;

/**
 * tag_s3_buckets over `accounts` member accounts of the stand-in, at each bucket count per account,
 * every request delayed by `latencyMs`: wall time, peak memory and the STS calls, which must be one
 * AssumeRoleWithWebIdentity and one AssumeRole per account whatever the bucket count. A run that
 * makes other counts, or leaves a row failed, fails the bench (throws).
 */
export async function multiAccount(options: {
  accounts: number;
  bucketCounts: number[];
  latencyMs: number;
  concurrency: number;
  log: (line: string) => void;
}): Promise<MultiAccountResult> {
  const accountIds = Array.from({ length: options.accounts }, (_, i) => String(200000000000 + i));
  const most = Math.max(...options.bucketCounts);
  // b0000-<account>, b0001-<account>...: the prefix b000 chooses 10 of each account, b00 100, b0 1,000.
  const prefixFor = (count: number) => {
    const digits = Math.log10(count);
    if (!Number.isInteger(digits) || digits < 1 || digits > 3)
      throw new Error(`bucket counts are 10, 100 or 1000, not ${count}`);
    return `b${"0".repeat(4 - digits)}`;
  };
  const buckets: BucketConfig[] = accountIds.flatMap((accountId) =>
    Array.from({ length: most }, (_, i) => ({
      name: `b${String(i).padStart(4, "0")}-${accountId}`,
      accountId,
      region: "us-east-1",
      tags: { owner: "team-a" },
    })),
  );
  const config = testStackConfig(buckets);
  config.roles.push(...memberAccountRoles(findRepoRoot(), DEMO_ACCOUNT_ID, accountIds));
  const stack = await startLocalStack({ config });
  try {
    for (const service of SERVICE_NAMES) stack.inject({ service, latencyMs: options.latencyMs });
    const bundle = await deployedBundle(benchedTaskFile(TASK), TASK);
    const runs: MultiAccountRun[] = [];
    for (const bucketsPerAccount of options.bucketCounts) {
      stack.resetLog();
      const params = {
        accounts: accountIds,
        prefix: prefixFor(bucketsPerAccount),
        key: "bench",
        value: `b${bucketsPerAccount}`,
        concurrency: options.concurrency,
        dry_run: false,
      };
      const env = {
        ...stack.runEnv({ taskSlug: TASK, roleName: roleName(TASK) }),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      };
      const result = await runNode([SHIM, bundle.outfile, "default", JSON.stringify(params)], env);
      const output = taskOutput(result) as { buckets: Array<{ result: string }> };
      const count = (operation: string) => stack.count("sts", operation);
      const run: MultiAccountRun = {
        accounts: options.accounts,
        bucketsPerAccount,
        taskMs: round(result.report?.runMs ?? NaN),
        maxRssMiB: round((result.report?.maxRssKiB ?? NaN) / 1024, 1),
        requests: stack.requests.length,
        tokenFetches: stack.count("airplane", "GenerateIdToken"),
        assumeRoleWithWebIdentity: count("AssumeRoleWithWebIdentity"),
        assumeRole: count("AssumeRole"),
        rows: output.buckets.length,
        failedRows: output.buckets.filter((row) => row.result === "failed").length,
      };
      runs.push(run);
      options.log(
        `  ${options.accounts} accounts x ${bucketsPerAccount} buckets: ${run.taskMs} ms, ${run.requests} requests`,
      );
      const wrong = [
        run.tokenFetches === 1 ? "" : `${run.tokenFetches} ID token fetches, not 1`,
        run.assumeRoleWithWebIdentity === 1 ? "" : `${run.assumeRoleWithWebIdentity} AssumeRoleWithWebIdentity, not 1`,
        run.assumeRole === run.accounts ? "" : `${run.assumeRole} AssumeRole, not ${run.accounts} (one per account)`,
        run.rows === run.accounts * bucketsPerAccount
          ? ""
          : `${run.rows} rows, not ${run.accounts * bucketsPerAccount}`,
        run.failedRows === 0 ? "" : `${run.failedRows} failed rows`,
      ].filter(Boolean);
      if (wrong.length > 0) {
        throw new Error(
          `tag_s3_buckets over ${run.accounts} accounts x ${bucketsPerAccount} buckets made ${wrong.join(", ")}.`,
        );
      }
    }
    return { latencyMs: options.latencyMs, concurrency: options.concurrency, runs };
  } finally {
    await stack.stop();
  }
}
