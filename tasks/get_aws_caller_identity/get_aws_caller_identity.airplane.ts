import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import {
  AwsAuthError,
  awsClientSettings,
  credentialSource,
  describeCredentialSource,
  fromTaskRole,
  withSecretFreeErrors,
} from "@repo/aws-auth";
import airplane from "airplane";

export default airplane.task(
  {
    slug: "get_aws_caller_identity",
    name: "Get AWS caller identity",
    description:
      "Shows the AWS account, role and session this task runs as. Run it first after creating the OIDC provider " +
      "and the role: when the trust policy is wrong, its error says what to fix.",
    parameters: {},
    // The output carries its own description list (`rows`), so the display is only where to find it.
    outputDisplay: { type: "descriptionList", value: "{{output.rows}}" },
    envVars: {
      AWS_ROLE_ARN: { config: "aws_role_arn_get_aws_caller_identity" },
      AWS_REGION: { config: "aws_region" },
    },
  },
  withSecretFreeErrors(async () => {
    const sts = new STSClient({ ...awsClientSettings(), credentials: fromTaskRole() });
    try {
      const { Account, Arn, UserId } = await sts.send(new GetCallerIdentityCommand({}));
      const account = { account: Account ?? null, arn: Arn ?? null, user_id: UserId ?? null };
      return withRows({
        ...account,
        ...assumedRole(Arn),
        credentials_from: describeCredentialSource(credentialSource(process.env)),
      });
    } catch (error) {
      throw explainRefusedCredentials(error);
    }
  }),
);

/** `arn:aws:sts::<account>:assumed-role/<role>/<session>`: the parts CloudTrail shows. */
function assumedRole(arn: string | undefined): { role: string | null; session_name: string | null } {
  const match = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn ?? "");
  return { role: match?.[1] ?? null, session_name: match?.[2] ?? null };
}

// The credential errors of aws-auth already say what to fix; STS refusing the credentials it is
// shown is, for this first call, a matter of setup rather than code: say to renew them.
function explainRefusedCredentials(error: unknown): unknown {
  if (error instanceof AwsAuthError || !(error instanceof Error)) return error;
  if (["InvalidClientTokenId", "ExpiredToken", "SignatureDoesNotMatch"].includes(error.name)) {
    return new Error(`STS refused the credentials (${error.name}: ${error.message}). Renew them and run again.`, {
      cause: error,
    });
  }
  return error;
}

type Identity = Record<"account" | "arn" | "user_id" | "role" | "session_name" | "credentials_from", string | null>;

// The terms of the run page's description list, in the order shown.
const TERMS = [
  ["Account", "account"],
  ["Role", "role"],
  ["Session", "session_name"],
  ["ARN", "arn"],
  ["User ID", "user_id"],
  ["Credentials from", "credentials_from"],
] as const;

/** The identity, and as `rows` the description list Airplane's run page shows: every known field. */
function withRows(identity: Identity): Identity & { rows: Array<{ term: string; description: string }> } {
  const rows = TERMS.flatMap(([term, field]) => {
    const description = identity[field];
    return description === null ? [] : [{ term, description }];
  });
  return { ...identity, rows };
}
