import { type BenchResults, machine } from "./report";
import type { MultiAccountResult } from "./suites/multiAccount";

export interface AccountsResults {
  measuredAt: string;
  machine: BenchResults["machine"];
  command: string;
  multiAccount: MultiAccountResult;
}

export function accountsResults(multiAccount: MultiAccountResult, command: string): AccountsResults {
  return { measuredAt: new Date().toISOString(), machine: machine(), command, multiAccount };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** The multi-account scenario's report: STS calls (asserted by the suite), wall time and peak memory. */
export function accountsMarkdown({ measuredAt, machine: host, command, multiAccount }: AccountsResults): string {
  const { latencyMs, concurrency, runs } = multiAccount;
  return [
    "# Benchmark: tag_s3_buckets over many accounts",
    "",
    `Measured ${measuredAt} with \`${command}\`, on Node.js ${host.node}, ${host.cpus} CPUs (${host.cpuModel}), ` +
      `against the local stand-in playing every account, ${latencyMs} ms added to every request, concurrency ${concurrency}. ` +
      "The task runs from its deployed bundle; each member account's buckets are listed by prefix and tagged with S3 Control.",
    "",
    "STS calls must be 1 AssumeRoleWithWebIdentity and 1 AssumeRole per account whatever the bucket count, with 1 ID " +
      "token fetch, every row tagged and none failed: the bench fails otherwise.",
    "",
    "| Accounts x buckets | Time | Requests | ID token fetches | AssumeRoleWithWebIdentity | AssumeRole | Rows | Failed | Peak memory |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...runs.map(
      (run) =>
        `| ${run.accounts} x ${run.bucketsPerAccount} | ${seconds(run.taskMs)} | ${run.requests} | ${run.tokenFetches} | ` +
        `${run.assumeRoleWithWebIdentity} | ${run.assumeRole} | ${run.rows} | ${run.failedRows} | ${run.maxRssMiB} MiB |`,
    ),
    "",
  ].join("\n");
}
