import { afterEach, describe, expect, it, vi } from "vitest";
import { fromTaskRole } from "../src/index";

// A file of its own: the default chain is created once per process, and credentialSource.test.ts
// leaves it holding credentials.
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("fromTaskRole on a machine with no AWS credentials and no OIDC token", () => {
  it("says what to do, the local stand-in first", async () => {
    for (const name of [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_PROFILE",
      "AIRPLANE_API_HOST",
      "ACTIONS_ID_TOKEN_REQUEST_URL",
      "AWS_WEB_IDENTITY_TOKEN_FILE",
      "GITHUB_ACTIONS",
      "AWS_AUTH_MODE",
    ]) {
      vi.stubEnv(name, undefined);
    }
    // As npm run task sets it for every run.
    vi.stubEnv("AIRPLANE_TASK_SLUG", "add_s3_bucket_tag");
    vi.stubEnv("AWS_CONFIG_FILE", "/nonexistent/config");
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);

    await expect(fromTaskRole()()).rejects.toMatchObject({
      code: "NoLocalCredentials",
      message: expect.stringMatching(
        /No AWS credentials: .* To run the task on the local stand-in \(no AWS account needed\): `npm run task -- --local add_s3_bucket_tag` \(with the --, or npm takes --local for itself\)\. Otherwise sign in/,
      ) as unknown,
    });
  });
});
