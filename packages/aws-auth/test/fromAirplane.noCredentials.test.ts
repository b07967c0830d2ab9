import { afterEach, describe, expect, it, vi } from "vitest";
import { fromAirplane } from "../src/fromAirplane";

// A file of its own: the default chain is created once per process, and the other file's tests
// leave it holding credentials.
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("fromAirplane on a machine with no AWS credentials", () => {
  it("says what to do when the default chain finds no credentials", async () => {
    for (const name of [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_PROFILE",
      "AIRPLANE_API_HOST",
      "AWS_AUTH_MODE",
    ]) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv("AWS_CONFIG_FILE", "/nonexistent/config");
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);

    await expect(fromAirplane()()).rejects.toMatchObject({
      code: "NoLocalCredentials",
      message: expect.stringMatching(/No AWS credentials: .* Sign in \(`aws sso login`/) as unknown,
    });
  });
});
