import type { HttpRequest } from "@smithy/protocol-http";
import { HttpResponse } from "@smithy/protocol-http";
import { CANARY } from "./fixtures";

/** What the fake AWS saw of one request. */
export interface SeenRequest {
  hostname: string;
  action: string | undefined;
  headers: Record<string, string>;
  body: string;
}

const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

function stsAnswer(action: string, expiration: Date, serial: number): string {
  return (
    `<${action}Response xmlns="${STS_NAMESPACE}"><${action}Result>` +
    `<Credentials><AccessKeyId>ASIAFAKE${serial}</AccessKeyId>` +
    `<SecretAccessKey>${CANARY.secretAccessKey}</SecretAccessKey><SessionToken>${CANARY.sessionToken}</SessionToken>` +
    `<Expiration>${expiration.toISOString()}</Expiration></Credentials>` +
    `<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId>` +
    `</AssumedRoleUser></${action}Result><ResponseMetadata><RequestId>r${serial}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  );
}

/**
 * A request handler that stands for AWS in unit tests of the real SDK clients: it records every
 * request (host, STS action, headers) and answers STS with credentials, S3 with an empty bucket list.
 */
export function fakeAws(
  credentialLifetimeMs = 60 * 60 * 1000,
  /** A message to refuse an STS action with, as AccessDenied. */
  refuse: (action: string) => string | undefined = () => undefined,
) {
  const seen: SeenRequest[] = [];
  let serial = 0;
  const handler = {
    handle: async (request: HttpRequest) => {
      const body = typeof request.body === "string" ? request.body : String(request.body ?? "");
      const action = new URLSearchParams(body).get("Action") ?? undefined;
      seen.push({ hostname: request.hostname, action, headers: request.headers, body });
      const refusal = action ? refuse(action) : undefined;
      if (refusal) {
        const error = `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${refusal}</Message></Error></ErrorResponse>`;
        return { response: new HttpResponse({ statusCode: 403, headers: {}, body: Buffer.from(error) }) };
      }
      const xml = request.hostname.startsWith("sts.")
        ? stsAnswer(action ?? "", new Date(Date.now() + credentialLifetimeMs), ++serial)
        : "<ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>";
      return { response: new HttpResponse({ statusCode: 200, headers: {}, body: Buffer.from(xml) }) };
    },
  };
  return { handler, seen, stsCalls: () => seen.filter((request) => request.action?.startsWith("AssumeRole")) };
}
