import { type S3ControlClient, TagResourceCommand, UntagResourceCommand } from "@aws-sdk/client-s3-control";
import type { TagChangePlan } from "./tagChange";

/**
 * Applies one planned change with S3 Control's additive API: TagResource sets a single key and
 * UntagResource removes one, without replacing the rest of the set, so a concurrent writer's
 * tags survive. Needs the account ID and s3:TagResource / s3:UntagResource.
 */
export async function applyWithS3Control(
  s3Control: S3ControlClient,
  accountId: string,
  bucket: string,
  plan: TagChangePlan,
): Promise<void> {
  const ResourceArn = `arn:aws:s3:::${bucket}`;
  if (plan.newValue === undefined) {
    await s3Control.send(new UntagResourceCommand({ AccountId: accountId, ResourceArn, TagKeys: [plan.key] }));
  } else {
    const Tags = [{ Key: plan.key, Value: plan.newValue }];
    await s3Control.send(new TagResourceCommand({ AccountId: accountId, ResourceArn, Tags }));
  }
}

// The answers that mean "this account or role cannot tag through S3 Control", as opposed to a
// transient failure (which the SDK retries) or a bucket problem (which the fallback would hit too).
const UNAVAILABLE = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "NotImplemented",
  "MethodNotAllowed",
  "InvalidRequest",
  "UnsupportedOperation",
]);

export function isS3ControlUnavailable(error: unknown): boolean {
  return error instanceof Error && UNAVAILABLE.has(error.name);
}
