import { createHash } from "node:crypto";
import type { HttpRequest } from "@smithy/protocol-http";
import { XMLParser } from "fast-xml-parser";
import { beforeEach, describe, expect, it } from "vitest";
import type { LocalStackConfig } from "../src/index";
import { assumeRole, type Credentials, type RawRequest, sendSigned, tamper, useLocalStack } from "./helpers";
import { ADMIN_RUN, testConfig } from "./testConfig";

// The campaign's SigV4 category as a table: each row signs a request with the SDK's own signer,
// tampers with it (or not), and names what AWS answers. A new leniency is a failing row.

const ACCOUNT = "123456789012";
const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/bucket_admin`;

/** testConfig, plus a role the admin may chain into: an AssumeRole that gets through issues a session. */
function config(): LocalStackConfig {
  const base = testConfig();
  base.roles.push({
    name: "chain_target",
    trustPolicy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: ADMIN_ROLE }, Action: "sts:AssumeRole" }],
    },
  });
  return base;
}

const stack = useLocalStack({ config: config() });
let issued: Credentials | undefined;
let otherSession: Credentials | undefined;

// Once, after useLocalStack has pointed the SDK at the stand-in (its beforeEach runs first).
beforeEach(async () => {
  if (issued) return;
  ({ credentials: issued } = await assumeRole(stack(), ADMIN_RUN));
  ({ credentials: otherSession } = await assumeRole(stack(), ADMIN_RUN));
});

/** The admin's session every row signs with, unless it forges credentials of its own. */
function session(): Credentials {
  if (!issued || !otherSession) throw new Error("No session yet.");
  return issued;
}

const TAGGING = "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>";
const md5 = (body: string) => createHash("md5").update(body).digest("base64");
const UNSIGNED_PAYLOAD = { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" };

const requests = {
  s3GetTags: (headers: Record<string, string> = {}): RawRequest => ({
    method: "GET",
    url: `${stack().urls.s3}/demo-bucket?tagging`,
    service: "s3",
    headers,
  }),
  s3PutTags: (headers: Record<string, string> = {}): RawRequest => ({
    method: "PUT",
    url: `${stack().urls.s3}/empty-bucket?tagging`,
    service: "s3",
    headers: { "content-md5": md5(TAGGING), ...headers },
    body: TAGGING,
  }),
  s3ControlListTags: (headers: Record<string, string> = { "x-amz-account-id": ACCOUNT }): RawRequest => ({
    method: "GET",
    url: `${stack().urls.s3Control}/v20180820/tags/${encodeURIComponent("arn:aws:s3:::demo-bucket")}`,
    service: "s3",
    headers,
  }),
  stsAssumeRole: (headers: Record<string, string> = {}): RawRequest => ({
    method: "POST",
    url: stack().urls.sts,
    service: "sts",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(stack().roleArn("chain_target"))}&RoleSessionName=signed-name`,
  }),
  stsGetCallerIdentity: (headers: Record<string, string> = {}): RawRequest => ({
    method: "POST",
    url: stack().urls.sts,
    service: "sts",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: "Action=GetCallerIdentity&Version=2011-06-15",
  }),
  iamListRoles: (headers: Record<string, string> = {}): RawRequest => ({
    method: "POST",
    url: stack().urls.iam,
    service: "iam",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: "Action=ListRoles&Version=2010-05-08",
  }),
  organizationsListAccounts: (headers: Record<string, string> = {}): RawRequest => ({
    method: "POST",
    url: stack().urls.organizations,
    service: "organizations",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "AWSOrganizationsV20161128.ListAccounts",
      ...headers,
    },
    body: "{}",
  }),
};

const changeBody = (body: string) => (request: HttpRequest) => {
  request.body = body;
};
const addHeader = (name: string, value: string) => (request: HttpRequest) => {
  request.headers[name] = value;
};

interface Row {
  request: () => RawRequest;
  /** Applied after signing. */
  tamperWith?: (request: HttpRequest) => void;
  credentials?: () => Credentials;
  /** Expected status, and the error code (none for a request AWS accepts). */
  status: number;
  code?: string;
  /** The header names S3 lists in <HeadersNotSigned>. */
  headersNotSigned?: string;
  message?: string;
}

const ROWS: Record<string, Row> = {
  // Outside S3 the payload hash is the hash of the body received: no UNSIGNED-PAYLOAD, no changed body.
  "STS AssumeRole signed with UNSIGNED-PAYLOAD": {
    request: () => requests.stsAssumeRole(UNSIGNED_PAYLOAD),
    status: 403,
    code: "SignatureDoesNotMatch",
  },
  "STS AssumeRole signed with UNSIGNED-PAYLOAD, RoleSessionName changed after signing": {
    request: () => requests.stsAssumeRole(UNSIGNED_PAYLOAD),
    tamperWith: (request) => {
      request.body = String(request.body).replace("signed-name", "forged-name");
    },
    status: 403,
    code: "SignatureDoesNotMatch",
  },
  "STS AssumeRole with its body changed after signing": {
    request: () => requests.stsAssumeRole(),
    tamperWith: (request) => {
      request.body = String(request.body).replace("signed-name", "forged-name");
    },
    status: 403,
    code: "SignatureDoesNotMatch",
  },
  "IAM ListRoles signed with UNSIGNED-PAYLOAD, body changed after signing": {
    request: () => requests.iamListRoles(UNSIGNED_PAYLOAD),
    tamperWith: changeBody("Action=ListRoles&Version=2010-05-08&MaxItems=1"),
    status: 403,
    code: "SignatureDoesNotMatch",
  },
  "IAM ListRoles with its body changed after signing": {
    request: () => requests.iamListRoles(),
    tamperWith: changeBody("Action=ListRoles&Version=2010-05-08&MaxItems=1"),
    status: 403,
    code: "SignatureDoesNotMatch",
  },
  "Organizations ListAccounts signed with UNSIGNED-PAYLOAD, body changed after signing": {
    request: () => requests.organizationsListAccounts(UNSIGNED_PAYLOAD),
    tamperWith: changeBody('{"MaxResults":1}'),
    status: 403,
    code: "SignatureDoesNotMatch",
  },

  // S3: x-amz-content-sha256 on every request, Content-Type and every x-amz-* header signed.
  "S3 PutBucketTagging without x-amz-content-sha256": {
    request: () => ({ ...requests.s3PutTags(), withoutContentSha256: true }),
    status: 400,
    code: "InvalidRequest",
    message: "Missing required header for this request: x-amz-content-sha256",
  },
  "S3 PutBucketTagging with Content-Type added after signing": {
    request: () => requests.s3PutTags(),
    tamperWith: addHeader("content-type", "application/xml"),
    status: 403,
    code: "AccessDenied",
    headersNotSigned: "content-type",
    message: "There were headers present in the request which were not signed",
  },
  "S3 PutBucketTagging with Content-Type left out of the signature": {
    request: () => ({ ...requests.s3PutTags({ "content-type": "application/xml" }), unsigned: ["content-type"] }),
    status: 403,
    code: "AccessDenied",
    headersNotSigned: "content-type",
  },
  "S3 GetBucketTagging with x-amz-content-sha256 left out of the signature": {
    request: () => ({ ...requests.s3GetTags(), unsigned: ["x-amz-content-sha256"] }),
    status: 403,
    code: "AccessDenied",
    headersNotSigned: "x-amz-content-sha256",
  },
  "S3 GetBucketTagging with x-amz-expected-bucket-owner added after signing": {
    request: () => requests.s3GetTags(),
    tamperWith: addHeader("x-amz-expected-bucket-owner", "999999999999"),
    status: 403,
    code: "AccessDenied",
    headersNotSigned: "x-amz-expected-bucket-owner",
  },
  "S3 GetBucketTagging with a signed x-amz-expected-bucket-owner of another account": {
    request: () => requests.s3GetTags({ "x-amz-expected-bucket-owner": "999999999999" }),
    status: 403,
    code: "AccessDenied",
    message: "Access Denied",
  },
  "S3 GetBucketTagging with a signed x-amz-expected-bucket-owner of its own account": {
    request: () => requests.s3GetTags({ "x-amz-expected-bucket-owner": ACCOUNT }),
    status: 200,
  },
  "S3 Control ListTagsForResource with x-amz-account-id added after signing": {
    request: () => requests.s3ControlListTags({}),
    tamperWith: addHeader("x-amz-account-id", ACCOUNT),
    status: 403,
    code: "AccessDenied",
    headersNotSigned: "x-amz-account-id",
  },
  "S3 Control ListTagsForResource, everything signed": {
    request: () => requests.s3ControlListTags(),
    status: 200,
  },
  "S3 GetBucketTagging with an unsigned x-amz-meta header added after signing": {
    request: () => requests.s3GetTags(),
    tamperWith: addHeader("x-amz-meta-note", "added"),
    status: 403,
    code: "AccessDenied",
    headersNotSigned: "x-amz-meta-note",
  },
  // S3 alone may leave the payload unsigned.
  "S3 GetBucketTagging signed with UNSIGNED-PAYLOAD": {
    request: () => requests.s3GetTags(UNSIGNED_PAYLOAD),
    status: 200,
  },
  "S3 PutBucketTagging with its body changed after signing": {
    request: () => requests.s3PutTags(),
    tamperWith: changeBody(TAGGING.replace("<Value>v</Value>", "<Value>w</Value>")),
    status: 400,
    code: "XAmzContentSHA256Mismatch",
  },
  "S3 PutBucketTagging with a chunked (STREAMING-) payload": {
    request: () => requests.s3PutTags({ "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" }),
    status: 501,
    code: "NotImplemented",
  },

  // The classic ones.
  "S3 request with no Authorization header": {
    request: () => requests.s3GetTags(),
    tamperWith: (request) => {
      delete request.headers.authorization;
    },
    status: 403,
    code: "AccessDenied",
  },
  "STS request with no Authorization header": {
    request: () => requests.stsGetCallerIdentity(),
    tamperWith: (request) => {
      delete request.headers.authorization;
    },
    status: 403,
    code: "MissingAuthenticationToken",
  },
  "S3 signed with a wrong secret key": {
    request: () => requests.s3GetTags(),
    credentials: () => ({ ...session(), secretAccessKey: tamper(session().secretAccessKey) }),
    status: 403,
    code: "SignatureDoesNotMatch",
  },
  "STS signed with a wrong secret key": {
    request: () => requests.stsGetCallerIdentity(),
    credentials: () => ({ ...session(), secretAccessKey: tamper(session().secretAccessKey) }),
    status: 403,
    code: "SignatureDoesNotMatch",
  },
  "S3 signed with an access key STS never issued": {
    request: () => requests.s3GetTags(),
    credentials: () => ({ ...session(), accessKeyId: "ASIAUNKNOWNKEY000000" }),
    status: 403,
    code: "InvalidAccessKeyId",
  },
  "STS signed with an access key STS never issued": {
    request: () => requests.stsGetCallerIdentity(),
    credentials: () => ({ ...session(), accessKeyId: "ASIAUNKNOWNKEY000000" }),
    status: 403,
    code: "InvalidClientTokenId",
  },
  "S3 with another session's token": {
    request: () => requests.s3GetTags(),
    credentials: () => ({ ...session(), sessionToken: otherSession?.sessionToken ?? "" }),
    status: 400,
    code: "InvalidToken",
  },
  "S3 with host left out of the signature": {
    request: () => ({ ...requests.s3GetTags(), unsigned: ["host"] }),
    status: 403,
    code: "AccessDenied",
    headersNotSigned: "host",
  },
  "S3 with x-amz-security-token left out of the signature": {
    request: () => ({ ...requests.s3GetTags(), unsigned: ["x-amz-security-token"] }),
    status: 403,
    code: "AccessDenied",
    headersNotSigned: "x-amz-security-token",
  },
  "STS with host left out of the signature": {
    request: () => ({ ...requests.stsGetCallerIdentity(), unsigned: ["host"] }),
    status: 400,
    code: "IncompleteSignature",
  },
  "STS with x-amz-security-token left out of the signature": {
    request: () => ({ ...requests.stsGetCallerIdentity(), unsigned: ["x-amz-security-token"] }),
    status: 400,
    code: "IncompleteSignature",
  },
  "S3 with a signed header changed after signing": {
    request: () => requests.s3GetTags({ "x-amz-meta-a": "1" }),
    tamperWith: addHeader("x-amz-meta-a", "2"),
    status: 403,
    code: "SignatureDoesNotMatch",
  },
  "S3 signed 20 minutes ago": {
    request: () => ({ ...requests.s3GetTags(), signingDate: new Date(Date.now() - 20 * 60 * 1000) }),
    status: 403,
    code: "RequestTimeTooSkewed",
  },
  "S3 with a credential scoped to another service": {
    request: () => ({ ...requests.s3GetTags(), service: "iam" }),
    status: 400,
    code: "AuthorizationHeaderMalformed",
  },
  "STS with a credential scoped to another region": {
    request: () => ({ ...requests.stsGetCallerIdentity(), region: "eu-west-1" }),
    status: 403,
    code: "SignatureDoesNotMatch",
    message: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
  },
  "STS GetCallerIdentity, signed as the SDK signs": {
    request: () => requests.stsGetCallerIdentity(),
    status: 200,
  },
};

interface ErrorReply {
  code?: string;
  message?: string;
  headersNotSigned?: string;
}

/** An AWS error reply: JSON (`__type`, `Message`), S3's bare `<Error>` or the query services' `<ErrorResponse>`. */
function errorOf(body: string): ErrorReply {
  if (body.startsWith("{")) {
    const { __type: code, Message: message } = JSON.parse(body) as { __type?: string; Message?: string };
    return { code, message };
  }
  const document = new XMLParser({ parseTagValue: false, trimValues: false }).parse(body) as {
    Error?: Record<string, string>;
    ErrorResponse?: { Error?: Record<string, string> };
  };
  const error = document.Error ?? document.ErrorResponse?.Error ?? {};
  return { code: error.Code, message: error.Message, headersNotSigned: error.HeadersNotSigned };
}

describe("SigV4 tampering: each case and what AWS answers", () => {
  it.each(Object.entries(ROWS))("%s", async (_case, row) => {
    stack().resetLog();
    const response = await sendSigned(row.credentials?.() ?? session(), row.request(), row.tamperWith);

    const error = errorOf(response.body);
    expect({ status: response.status, code: error.code }).toEqual({ status: row.status, code: row.code });
    if (row.headersNotSigned !== undefined) expect(error.headersNotSigned).toBe(row.headersNotSigned);
    if (row.message !== undefined) expect(error.message).toBe(row.message);
  });

  it("issues no session under a RoleSessionName that was not signed", async () => {
    stack().resetLog();
    await sendSigned(session(), requests.stsAssumeRole(UNSIGNED_PAYLOAD), (request) => {
      request.body = String(request.body).replace("signed-name", "forged-name");
    });
    expect(stack().requests).toEqual([
      expect.objectContaining({ service: "sts", operation: "AssumeRole", status: 403 }),
    ]);
    expect(JSON.stringify(stack().requests)).not.toContain("forged-name");
  });
});
