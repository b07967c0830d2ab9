import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GITHUB_ISSUER } from "@repo/oidc-issuers";
import { generateKeyPair, SignJWT } from "jose";
import { CANARY } from "./fixtures";

export const IMMUTABLE_SUB = "repo:acme@1234567/aws-tasks@987654321:environment:task-add_s3_bucket_tag";

/** What GitHub's token service saw of one request. */
export interface TokenRequest {
  audience: string | null;
  authorization: string | undefined;
}

/**
 * GitHub Actions' token service as a job sees it: `GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=<aud>`
 * with the job's bearer, answered `{ "value": <jwt> }`, a new token (new jti) each time. A request
 * with another bearer is refused with a body that quotes it, to prove no error carries it on.
 */
export async function githubTokenService(sub = IMMUTABLE_SUB) {
  const { privateKey } = await generateKeyPair("RS256");
  const requests: TokenRequest[] = [];
  const issued: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "", "http://localhost");
    const authorization = request.headers.authorization;
    requests.push({ audience: url.searchParams.get("audience"), authorization });
    if (authorization !== `Bearer ${CANARY.githubRequestToken}` || url.pathname !== "/idtoken") {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: `Bearer ${authorization ?? ""} is not valid for this job` }));
      return;
    }
    void new SignJWT({ repository: "acme/aws-tasks", environment: "task-add_s3_bucket_tag", run_id: "16010010001" })
      .setProtectedHeader({ alg: "RS256", kid: "test" })
      .setIssuer(GITHUB_ISSUER)
      .setAudience(url.searchParams.get("audience") ?? "https://github.com/acme")
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime("5m")
      .setJti(String(issued.length + 1))
      .sign(privateKey)
      .then((token) => {
        issued.push(token);
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ value: token }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    requests,
    issued,
    /** The variables of a job with `permissions: id-token: write`, as GitHub sets them. */
    jobEnv: {
      GITHUB_ACTIONS: "true",
      GITHUB_RUN_ID: "16010010001",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_ACTOR: "octocat",
      GITHUB_REPOSITORY: "acme/aws-tasks",
      AIRPLANE_TASK_SLUG: "add_s3_bucket_tag",
      ACTIONS_ID_TOKEN_REQUEST_URL: `${base}/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: CANARY.githubRequestToken,
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
