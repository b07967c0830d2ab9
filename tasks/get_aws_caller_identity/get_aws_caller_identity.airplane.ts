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
    outputDisplay: {
      type: "descriptionList",
      value:
        "{{[['Account', output.account], ['Role', output.role], ['Session', output.session_name], " +
        "['ARN', output.arn], ['User ID', output.user_id], ['Credentials from', output.via]]" +
        ".filter(([, d]) => d !== null).map(([term, description]) => ({ term, description }))}}",
    },
    envVars: {
      AWS_ROLE_ARN: { config: "aws_role_arn_get_aws_caller_identity" },
      AWS_REGION: { config: "aws_region" },
    },
  },
  withSecretFreeErrors(async () => {
    const sts = new STSClient({ ...awsClientSettings(), credentials: fromTaskRole() });
    try {
      const { Account, Arn, UserId } = await sts.send(new GetCallerIdentityCommand({}));
      return { account: Account ?? null, arn: Arn ?? null, user_id: UserId ?? null, ...assumedRole(Arn), via: via() };
    } catch (error) {
      throw explain(error);
    }
  }),
);

/** `arn:aws:sts::<account>:assumed-role/<role>/<session>`: the parts CloudTrail shows. */
function assumedRole(arn: string | undefined): { role: string | null; session_name: string | null } {
  const match = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn ?? "");
  return { role: match?.[1] ?? null, session_name: match?.[2] ?? null };
}

function via(): string {
  return describeCredentialSource(credentialSource(process.env));
}

// The credential errors of aws-auth already say what to fix; the rest are STS or SDK errors whose
// usual cause, for this first call, is the setup rather than the code.
function explain(error: unknown): unknown {
  if (error instanceof AwsAuthError || !(error instanceof Error)) return error;
  if (["InvalidClientTokenId", "ExpiredToken", "SignatureDoesNotMatch"].includes(error.name)) {
    return new Error(`STS refused the credentials (${error.name}: ${error.message}). Renew them and run again.`, {
      cause: error,
    });
  }
  return error;
}
