import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { awsClientSettings, fromTaskRole, fromChainedRole } from "@repo/aws-auth";
import { InvalidInputError, validateTagKey, validateTagValue } from "@repo/s3-bucket-tags";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { bucketChoice } from "./bucketChoice";
import { type BucketsOutput, bucketsOutput, failedRunError } from "./bucketRows";
import {
  type MemberAccount,
  memberAccount,
  memberAccounts,
  organizationAccountIds,
  partitionOf,
  validateExternalId,
  validateMemberRole,
} from "./memberAccounts";
import { type AccountCredentials, walkAccounts } from "./walkAccounts";

export const DEFAULT_CONCURRENCY = 16;
export const MAX_CONCURRENCY = 64;
export const DEFAULT_MEMBER_ROLE = "airplane-tag_s3_buckets";

export interface TagBucketsParams {
  key: string;
  value?: string | undefined;
  buckets?: string[] | undefined;
  prefix?: string | undefined;
  accounts?: string[] | undefined;
  organization?: boolean | undefined;
  member_role?: string | undefined;
  external_id?: string | undefined;
  concurrency: number;
  dry_run: boolean;
}

export interface TagBucketsResult {
  output: BucketsOutput;
  /** Set when any row failed: the run must fail, showing every row. */
  failure: Error | undefined;
}

/**
 * A run of tag_s3_buckets: every parameter checked before any AWS call, then the chosen buckets of
 * the task's own account, or of each account given (or of every ACTIVE account of the Organization),
 * reached by chaining from the task's role into the member role there.
 */
export async function tagBucketsRun(
  params: TagBucketsParams,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TagBucketsResult> {
  const key = validateTagKey(params.key);
  const value = validateTagValue(params.value ?? "");
  const concurrency = validateConcurrency(params.concurrency);
  const choice = bucketChoice(params.buckets, params.prefix);
  const given = (params.accounts ?? []).filter((entry) => entry.trim() !== "");
  if (given.length > 0 && params.organization) {
    throw new InvalidInputError("organization", "Give accounts or organization, not both.");
  }
  const memberRole = validateMemberRole(params.member_role ?? DEFAULT_MEMBER_ROLE);
  const externalId = validateExternalId(params.external_id);
  const partition = partitionOf(env.AWS_ROLE_ARN);
  const listed = given.length > 0 ? memberAccounts(given, memberRole, partition) : undefined;

  // SlowDown and 503 are retried per request with exponential backoff and jitter (the SDK's
  // standard mode, with more attempts than its 3). The SDK's adaptive mode was measured to cut a
  // 40-bucket run from 2 s to 15 s after four SlowDowns; the concurrency parameter is the knob.
  const clientConfig = { ...awsClientSettings(), retryMode: "standard", maxAttempts: 6 };
  const source = fromTaskRole();
  const multi = listed !== undefined || params.organization === true;
  const members = listed ?? (params.organization ? await organizationMembers(source, memberRole, partition) : []);
  const accounts = multi ? await accountCredentials(members, source, externalId) : [{ credentials: source }];

  const rows = await walkAccounts({
    accounts,
    choice,
    change: { kind: "set", key, value },
    dryRun: params.dry_run,
    concurrency,
    clientConfig,
    accountFailures: multi ? "row" : "throw",
    log,
  });
  const change = { key, value, dryRun: params.dry_run, ...(multi ? { accounts: accounts.length } : {}) };
  return { output: bucketsOutput(rows, change), failure: failedRunError(rows, { withAccounts: multi }) };
}

async function organizationMembers(
  source: AwsCredentialIdentityProvider,
  memberRole: string,
  partition: string,
): Promise<MemberAccount[]> {
  const organizations = new OrganizationsClient({ ...awsClientSettings(), credentials: source });
  const ids = await organizationAccountIds(organizations);
  return ids.map((id) => memberAccount(id, memberRole, partition));
}

/**
 * Each member account's credentials: its member role, chained from the task's role (one
 * sts:AssumeRole per account, asked for once by the walk). The task's own account, which an
 * Organization lists too, is reached with the task's role itself: its member role would be the task
 * role, which trusts only Airplane's OIDC provider.
 */
async function accountCredentials(
  members: MemberAccount[],
  source: AwsCredentialIdentityProvider,
  externalId: string | undefined,
): Promise<AccountCredentials[]> {
  const own = (await source()).accountId;
  return members.map(({ accountId, roleArn }) => ({
    accountId,
    credentials:
      accountId === own ? source : fromChainedRole({ roleArn, source, ...(externalId ? { externalId } : {}) }),
  }));
}

function validateConcurrency(concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new InvalidInputError("concurrency", `concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}.`);
  }
  return concurrency;
}
