import { type OrganizationsClient, paginateListAccounts } from "@aws-sdk/client-organizations";
import { partition as regionPartition } from "@aws-sdk/core/client";
import { isExternalId } from "@repo/aws-auth";
import { InvalidInputError } from "@repo/s3-bucket-tags";

/** An account to work in, and the role the task chains into there. */
export interface MemberAccount {
  accountId: string;
  roleArn: string;
  /**
   * How the user named it: an account ID (or the Organization's listing), where the task's own
   * account may use the task's own role, or a role ARN, which is that role and no other.
   */
  given: "account" | "role";
}

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * The partition the task runs in (aws, aws-cn, aws-us-gov...): its region's, as the SDK maps
 * regions to partitions. Role chaining never leaves it, so no other partition is accepted.
 */
export function taskPartition(env: NodeJS.ProcessEnv): string {
  return regionPartition(env.AWS_REGION ?? "").name;
}

/** The sts:ExternalId the member roles require, if any, checked as STS (and aws-auth) check it. */
export function validateExternalId(externalId: string | undefined): string | undefined {
  const trimmed = externalId?.trim();
  if (!trimmed) return undefined;
  if (!isExternalId(trimmed)) {
    throw new InvalidInputError(
      "external_id",
      "external_id must be 2 to 1224 characters, each a letter, a digit or one of _ + = , . @ : / - (as STS requires).",
    );
  }
  return trimmed;
}

/** The member role's name, checked as IAM checks role names. */
export function validateMemberRole(name: string): string {
  const trimmed = name.trim();
  if (!ROLE_NAME.test(trimmed)) {
    throw new InvalidInputError(
      "member_role",
      `member_role "${name}" is not an IAM role name: 1 to 64 letters, digits and _+=,.@- (no path, no ARN).`,
    );
  }
  return trimmed;
}

/**
 * The accounts as given: each a 12-digit account ID (its role is `member_role`) or a role ARN,
 * all checked before any AWS call; one account given twice is refused rather than tagged twice.
 */
export function memberAccounts(entries: string[], memberRole: string, partition: string): MemberAccount[] {
  const accounts = entries
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): MemberAccount => {
      if (ACCOUNT_ID.test(entry)) return memberAccount(entry, memberRole, partition);
      const [, rolePartition, accountId] = ROLE_ARN.exec(entry) ?? [];
      if (rolePartition && accountId) {
        if (rolePartition !== partition) throw otherPartition(entry, rolePartition, partition);
        return { accountId, roleArn: entry, given: "role" };
      }
      throw new InvalidInputError(
        "accounts",
        `accounts "${entry}" is neither a 12-digit AWS account ID nor a role ARN ` +
          `(arn:${partition}:iam::<account ID>:role/<name>).`,
      );
    });
  const seen = new Set<string>();
  for (const { accountId } of accounts) {
    if (seen.has(accountId)) {
      throw new InvalidInputError("accounts", `Account ${accountId} is given twice: give each account once.`);
    }
    seen.add(accountId);
  }
  return accounts;
}

export function memberAccount(accountId: string, memberRole: string, partition: string): MemberAccount {
  return { accountId, roleArn: `arn:${partition}:iam::${accountId}:role/${memberRole}`, given: "account" };
}

function otherPartition(entry: string, found: string, expected: string): InvalidInputError {
  return new InvalidInputError(
    "accounts",
    `accounts "${entry}" names partition "${found}", but this task runs in partition "${expected}" (its region's), ` +
      `and a role can be assumed only from its own partition: give roles whose ARN starts with arn:${expected}:.`,
  );
}

/**
 * The ACTIVE accounts of the Organization (organizations:ListAccounts, from its management account
 * or a delegated administrator), read with the SDK's paginator. `State` replaced `Status`, which
 * AWS retired on 9 September 2026; `Status` is read only where `State` is missing.
 */
export async function organizationAccountIds(organizations: OrganizationsClient): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateListAccounts({ client: organizations }, {})) {
    for (const account of page.Accounts ?? []) {
      if (account.Id && (account.State ?? account.Status) === "ACTIVE") ids.push(account.Id);
    }
  }
  return ids;
}
