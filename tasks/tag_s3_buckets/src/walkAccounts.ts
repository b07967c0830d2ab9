import type { S3ClientConfig } from "@aws-sdk/client-s3";
import { formatProgressLine, ProgressMeter, type ProgressSnapshot } from "@repo/run-progress";
import { type BucketSummary, BucketTagger, type TagChange } from "@repo/s3-bucket-tags";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { type BucketChoice, chosenBuckets } from "./bucketChoice";
import { type BucketRow, bucketRow, failedRow } from "./bucketRows";
import { mapBounded } from "./mapBounded";

/** One account to work in, with the credentials of the role the task acts as there. */
export interface AccountCredentials {
  /** Known before its credentials for a member account; else read from the credentials. */
  accountId?: string;
  credentials: AwsCredentialIdentityProvider;
}

export interface WalkInput {
  accounts: AccountCredentials[];
  choice: BucketChoice;
  change: TagChange;
  dryRun: boolean;
  /** Buckets tagged at once, over all accounts. */
  concurrency: number;
  clientConfig: S3ClientConfig;
  /**
   * Whether an account that cannot be reached or listed gets a failed row (a run over many
   * accounts) or fails the run with AWS's own error (a run in the task's own account).
   */
  accountFailures: "row" | "throw";
  /** Where progress lines go: the run's log. */
  log: (line: string) => void;
  now?: () => number;
}

type Work =
  | { account: string | null; bucket: BucketSummary; tagger: BucketTagger }
  | { account: string | null; bucket: BucketSummary | null; failure: unknown };

/**
 * Tags the chosen buckets of every account, `concurrency` at a time over all of them, and returns
 * one row per bucket per account, in order. Each account's credentials are asked for once before
 * its buckets (one sts:AssumeRole for a member account, shared by all its clients through aws-auth's
 * cache); an account whose role refuses, or whose listing fails, becomes failed rows and the walk
 * goes on. Progress goes to `log` as `ProgressMeter` says (about every 5 % or 10 s, at most once a
 * second), and every 10 s while nothing finishes.
 */
export async function walkAccounts(input: WalkInput): Promise<BucketRow[]> {
  const { choice, log } = input;
  const progress = new ProgressMeter({ now: input.now ?? Date.now, unit: "buckets" });
  if (choice.kind === "names") {
    progress.found(input.accounts.length * choice.names.length);
    progress.allFound();
  }
  const report = (snapshot: ProgressSnapshot | undefined): void => {
    if (snapshot) log(formatProgressLine(snapshot));
  };
  // A bucket that takes long (S3 retries backing off, a slow region) must not leave the run's log
  // quiet for longer than the 10 s a report is due after: a second's tick asks the meter.
  const heartbeat = setInterval(() => report(progress.idle()), 1000);
  heartbeat.unref();
  try {
    return await walk(input, progress, report);
  } finally {
    clearInterval(heartbeat);
  }
}

function walk(
  input: WalkInput,
  progress: ProgressMeter,
  report: (snapshot: ProgressSnapshot | undefined) => void,
): Promise<BucketRow[]> {
  const { concurrency, change, dryRun } = input;
  return mapBounded(work(input, progress), concurrency, async (item) => {
    const row =
      "failure" in item
        ? failedRow(item.account, item.bucket, item.failure)
        : await item.tagger
            .change(item.bucket.name, change, { dryRun, ...(item.bucket.region ? { region: item.bucket.region } : {}) })
            .then(
              (result) => bucketRow(item.account, result),
              (error: unknown) => failedRow(item.account, item.bucket, error),
            );
    report(progress.record(row.result === "failed" ? "failed" : "ok"));
    return row;
  });
}

/**
 * The work, account after account, pulled as workers free up: an account's listing is read as it is
 * tagged, and the total is known once the last account's last page is in.
 */
async function* work(input: WalkInput, progress: ProgressMeter): AsyncGenerator<Work> {
  const { choice, clientConfig } = input;
  for (const [index, { accountId, credentials }] of input.accounts.entries()) {
    const lastAccount = index === input.accounts.length - 1;
    let account = accountId ?? null;
    const failed = (error: unknown, bucket: BucketSummary | null = null): Work => {
      if (input.accountFailures === "throw") throw error;
      if (choice.kind === "prefix") progress.found(1);
      return { account, bucket, failure: error };
    };
    try {
      account ??= (await credentials()).accountId ?? null;
    } catch (error) {
      // Every chosen bucket of an unreachable account fails; a listing that never ran is one row.
      if (choice.kind === "names") for (const name of choice.names) yield failed(error, { name });
      else yield failed(error);
      continue;
    }
    const tagger = new BucketTagger({ credentials, clientConfig });
    try {
      for await (const page of chosenBuckets(choice, tagger)) {
        if (choice.kind === "prefix") progress.found(page.buckets.length);
        if (page.last && lastAccount) progress.allFound();
        for (const bucket of page.buckets) yield { account, bucket, tagger };
      }
    } catch (error) {
      yield failed(error);
    }
  }
  progress.allFound();
}
