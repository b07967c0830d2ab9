import type * as S3ControlSdk from "@aws-sdk/client-s3-control";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { nameFailedRequests } from "./awsRequestError";
import { RegionalClients, type SharedClientConfig } from "./regionalClients";
import type { TagChangePlan } from "./tagChange";

/**
 * One planned change through S3 Control's additive API: TagResource sets a single key and
 * UntagResource removes one, without replacing the rest of the set, so a concurrent writer's tags
 * survive. Needs the account ID and s3:TagResource / s3:UntagResource.
 *
 * The S3 Control SDK is loaded on the first write, not at start-up: runs that only read (a list,
 * a dry run, a tag already there) never pay for it.
 */
export class S3ControlTagging {
  private sdk: typeof S3ControlSdk | undefined;
  private clients: RegionalClients<S3ControlSdk.S3ControlClient> | undefined;

  constructor(
    private readonly credentials: AwsCredentialIdentityProvider,
    private readonly clientConfig: SharedClientConfig,
  ) {}

  async apply(region: string, accountId: string, bucket: string, plan: TagChangePlan): Promise<void> {
    const sdk = this.loadSdk();
    this.clients ??= new RegionalClients((r) =>
      nameFailedRequests(new sdk.S3ControlClient({ ...this.clientConfig, region: r, credentials: this.credentials })),
    );
    const client = this.clients.get(region);
    const ResourceArn = `arn:aws:s3:::${bucket}`;
    if (plan.newValue === undefined) {
      await client.send(new sdk.UntagResourceCommand({ AccountId: accountId, ResourceArn, TagKeys: [plan.key] }));
    } else {
      const Tags = [{ Key: plan.key, Value: plan.newValue }];
      await client.send(new sdk.TagResourceCommand({ AccountId: accountId, ResourceArn, Tags }));
    }
  }

  private loadSdk(): typeof S3ControlSdk {
    // require(), not import(): measured on a bundled task, import() of this CommonJS package went
    // through Node's ESM loader and its CommonJS lexer, which cost more than loading the package.
    // oxlint-disable-next-line typescript/no-require-imports
    return (this.sdk ??= require("@aws-sdk/client-s3-control") as typeof S3ControlSdk);
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

// Connection failures: an endpoint that does not exist (an S3-compatible store reached by
// AWS_ENDPOINT_URL, whose S3 Control host is <account>.<its host>) or refuses connections. Not a
// reset or a timeout, after which a TagResource may have been applied.
const UNREACHABLE = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH"]);

export function isS3ControlUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  return UNAVAILABLE.has(error.name) || (typeof code === "string" && UNREACHABLE.has(code));
}
