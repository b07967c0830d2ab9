import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CredentialCache } from "../src/credentialCache";
import { fromTaskRole } from "../src/index";
import { fakeAws } from "./fakeAws";
import { expectNoSecrets, idToken, ROLE_ARN } from "./fixtures";

let folder: string;
let tokenFile: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "aws-auth-token-file-"));
  tokenFile = join(folder, "token");
  for (const name of ["AIRPLANE_API_HOST", "ACTIONS_ID_TOKEN_REQUEST_URL", "GITHUB_ACTIONS", "AWS_AUTH_MODE"]) {
    vi.stubEnv(name, undefined);
  }
  vi.stubEnv("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile);
  vi.stubEnv("AWS_ROLE_ARN", ROLE_ARN);
});

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await rm(folder, { recursive: true, force: true });
});

const tokenSent = (request: { body: string }) => new URLSearchParams(request.body).get("WebIdentityToken");

describe("fromTaskRole with AWS_WEB_IDENTITY_TOKEN_FILE", () => {
  it("reads the file afresh for each exchange, as Kubernetes rotates it", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-27T10:00:00Z") });
    const first = idToken({ sub: "system:serviceaccount:tasks:add-s3-bucket-tag" }, "FIRST-SIGNATURE");
    const second = idToken({ sub: "system:serviceaccount:tasks:add-s3-bucket-tag" }, "SECOND-SIGNATURE");
    await writeFile(tokenFile, `${first}\n`);
    const aws = fakeAws();
    const s3 = new S3Client({
      region: "eu-west-1",
      credentials: fromTaskRole({ cache: new CredentialCache() }),
      requestHandler: aws.handler,
    });

    await s3.send(new ListBucketsCommand({}));
    await writeFile(tokenFile, second);
    await s3.send(new ListBucketsCommand({}));
    vi.setSystemTime(new Date("2026-11-27T10:55:30Z"));
    await s3.send(new ListBucketsCommand({}));

    expect(aws.stsCalls().map(tokenSent)).toEqual([first, second]);
  });

  it("says which file cannot be read, before any AWS call", async () => {
    const aws = fakeAws();
    const credentials = fromTaskRole({
      cache: new CredentialCache(),
      region: "eu-west-1",
      clientConfig: { requestHandler: aws.handler },
    });
    const error = await credentials().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "IdTokenUnavailable" });
    expect((error as Error).message).toContain(`AWS_WEB_IDENTITY_TOKEN_FILE names ${tokenFile}, which cannot be read`);
    expect(aws.seen).toHaveLength(0);
    expectNoSecrets(error);
  });
});
