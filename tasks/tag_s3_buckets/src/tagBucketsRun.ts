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
  taskPartition,
  validateExternalId,
  validateMemberRole,
} from "./memberAccounts";
import { type AccountCredentials, walkAccounts } from "./walkAccounts";

export const DEFAULT_CONCURRENCY = 16;
export const MAX_CONCURRENCY = 64;
export const DEFAULT_MEMBER_ROLE = "airplane-tag_s3_buckets";

export interface TagBucketsParams {
  key: string;
  /** Required, even empty; Airplane passes null for a parameter left out. */
  value?: string | null | undefined;
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
  const value = validateTagValue(requiredValue(params.value));
  const concurrency = validateConcurrency(params.concurrency);
  const choice = bucketChoice(params.buckets, params.prefix);
  const given = (params.accounts ?? []).filter((entry) => entry.trim() !== "");
  if (given.length > 0 && params.organization) {
    throw new InvalidInputError("organization", "Give accounts or organization, not both.");
  }
  const memberRole = validateMemberRole(params.member_role ?? DEFAULT_MEMBER_ROLE);
  const externalId = validateExternalId(params.external_id);
  const partition = taskPartition(env);
  const listed = given.length > 0 ? memberAccounts(given, memberRole, partition) : undefined;

  // SlowDown and 503 are retried per request with backoff and jitter (the SDK's standard mode, with
  // more attempts than its 3), not by adaptive mode, whose rate limiter slows every later request of
  // the run after a few SlowDowns: the concurrency parameter is the throughput knob.
  const clientConfig = { ...awsClientSettings(), retryMode: "standard", maxAttempts: 6 };
  const source = fromTaskRole();
  const multi = listed !== undefined || params.organization === true;
  const members = listed ?? (params.organization ? await organizationMembers(source, memberRole, partition) : []);
  const accounts = multi
    ? await accountCredentials(members, { source, roleArn: env.AWS_ROLE_ARN }, externalId)
    : [{ credentials: source }];

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
 * Each account's credentials: its role, chained from the task's role (one sts:AssumeRole per
 * account, asked for once by the walk). The task's own role serves its own ARN, and its own account
 * given by ID or listed by the Organization (the member role there would be the task role, which
 * trusts only Airplane's OIDC provider); any other role ARN is assumed, or refused with STS's reason.
 */
async function accountCredentials(
  members: MemberAccount[],
  task: { source: AwsCredentialIdentityProvider; roleArn: string | undefined },
  externalId: string | undefined,
): Promise<AccountCredentials[]> {
  const { source } = task;
  const ownAccount = (await source()).accountId;
  const isTaskRole = ({ accountId, roleArn, given }: MemberAccount) =>
    given === "role" ? roleArn === task.roleArn : accountId === ownAccount;
  return members.map((member) => ({
    accountId: member.accountId,
    credentials: isTaskRole(member)
      ? source
      : fromChainedRole({ roleArn: member.roleArn, source, ...(externalId ? { externalId } : {}) }),
  }));
}

/**
 * The tag value, which a bulk change must be given, even empty (`--value ""`): a run that forgot
 * it must not write an empty value to every bucket.
 */
function requiredValue(value: string | null | undefined): string {
  if (typeof value === "string") return value;
  throw new InvalidInputError(
    "value",
    "Give the tag value (value): a run without one is refused rather than writing an empty value to every bucket. " +
      'For an empty value, give it explicitly: --value "".',
  );
}

function validateConcurrency(concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new InvalidInputError("concurrency", `concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}.`);
  }
  return concurrency;
}
