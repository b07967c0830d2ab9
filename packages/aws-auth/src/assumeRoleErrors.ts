import { AwsAuthError } from "./errors";

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Turns an sts:AssumeRole failure into an error naming both roles and what the member role's trust
 * policy must allow, keeping the original as `cause`. The usual cause of a refusal is a trust
 * policy without sts:TagSession: every chained session carries the run's tags, which need it.
 */
export function explainAssumeRoleError(
  error: unknown,
  {
    roleArn,
    sourceRoleArn,
    externalId,
  }: { roleArn: string; sourceRoleArn: string | undefined; externalId?: string | undefined },
): AwsAuthError {
  const code = error instanceof Error ? error.name.replace(/Exception$/, "") : "";
  const awsSays = `(STS: ${code}: ${messageOf(error)})`;
  const source = sourceRoleArn ? `role ${sourceRoleArn}` : "the task's credentials";
  if (code === "AccessDenied") {
    const tagSession = /sts:TagSession/.test(messageOf(error))
      ? "STS refused sts:TagSession: the trust policy allows sts:AssumeRole but not sts:TagSession, which the run's session tags need. "
      : "";
    return new AwsAuthError(
      "TrustPolicyRejected",
      `Role ${roleArn} refused to be assumed by ${source}. ${tagSession}Its trust policy must allow both ` +
        `"sts:AssumeRole" and "sts:TagSession" for the principal ${sourceRoleArn ?? "of the task's role"}` +
        `${externalId ? `, with "sts:ExternalId" equal to the externalId given` : ""}; and ${source} must be allowed ` +
        `sts:AssumeRole and sts:TagSession on ${roleArn} (npm run iam generates both). ${awsSays}`,
      { cause: error },
    );
  }
  return new AwsAuthError("StsRequestFailed", `STS AssumeRole for role ${roleArn} from ${source} failed. ${awsSays}`, {
    cause: error,
  });
}
