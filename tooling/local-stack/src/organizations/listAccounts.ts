import { authorizeAction } from "../authz/authorizeAction";
import type { ResolvedConfig } from "../config/resolvedConfig";
import { ServiceError } from "../http/serviceError";
import type { Session } from "../state/sessionStore";

// Organizations' documented range for ListAccounts' MaxResults, and its page size without one.
const MAX_RESULTS = 20;

const invalidInput = (message: string) => new ServiceError("InvalidInputException", 400, message);
const encodeToken = (index: number) => Buffer.from(`accounts:${index}`, "utf8").toString("base64url");

function decodeToken(token: unknown): number {
  if (typeof token !== "string") throw invalidInput("NextToken must be a string.");
  const match = /^accounts:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match || encodeToken(Number(match[1])) !== token) {
    throw invalidInput("You provided an invalid value for a parameter: NextToken.");
  }
  return Number(match[1]);
}

/**
 * Organizations ListAccounts, as strict as AWS: only the management account may call it
 * (`AccessDeniedException` elsewhere: the stand-in has no delegated administrators) and only with
 * `organizations:ListAccounts` allowed; `MaxResults` 1 to 20, and pages linked by an opaque
 * `NextToken`. Every account of the organization, the management account first, with `State`.
 */
export function listAccounts(
  input: Record<string, unknown>,
  caller: Session,
  config: ResolvedConfig,
  now: Date,
): object {
  const { organization } = config;
  if (!organization) {
    throw new ServiceError(
      "AWSOrganizationsNotInUseException",
      400,
      "Your account is not a member of an organization.",
    );
  }
  try {
    authorizeAction(caller, { action: "organizations:ListAccounts", resource: "*" }, now);
  } catch (error) {
    // Organizations says it with its own code: AccessDeniedException, 400.
    if (error instanceof ServiceError) throw new ServiceError("AccessDeniedException", 400, error.message);
    throw error;
  }
  if (caller.accountId !== organization.managementAccountId) {
    throw new ServiceError("AccessDeniedException", 400, "You don't have permissions to access this resource.");
  }
  const { MaxResults = MAX_RESULTS, NextToken } = input;
  if (!Number.isInteger(MaxResults) || (MaxResults as number) < 1 || (MaxResults as number) > MAX_RESULTS) {
    throw invalidInput(`MaxResults must be a whole number from 1 to ${MAX_RESULTS}.`);
  }
  const start = NextToken === undefined ? 0 : decodeToken(NextToken);
  const page = organization.accounts.slice(start, start + (MaxResults as number));
  const next = start + page.length;
  return {
    Accounts: page.map((account) => ({
      Id: account.id,
      Arn: `arn:aws:organizations::${organization.managementAccountId}:account/${organization.id}/${account.id}`,
      Name: account.name,
      Email: account.email,
      State: account.state,
      JoinedMethod: account.id === organization.managementAccountId ? "INVITED" : "CREATED",
      JoinedTimestamp: Math.floor(account.joined.getTime() / 1000),
    })),
    ...(next < organization.accounts.length ? { NextToken: encodeToken(next) } : {}),
  };
}
