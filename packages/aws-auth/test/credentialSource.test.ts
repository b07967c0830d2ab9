import { afterEach, describe, expect, it, vi } from "vitest";
import { credentialSource } from "../src/credentialSource";
import { fromTaskRole } from "../src/index";
import { CANARY, expectNoSecrets } from "./fixtures";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const AIRPLANE = { AIRPLANE_API_HOST: "https://api.airplane.dev", AIRPLANE_TOKEN: CANARY.airplaneToken };
const GITHUB_JOB = { GITHUB_ACTIONS: "true", GITHUB_RUN_ID: "1" };
const GITHUB = {
  ...GITHUB_JOB,
  ACTIONS_ID_TOKEN_REQUEST_URL: "https://example.invalid/idtoken?api-version=2.0",
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: CANARY.githubRequestToken,
};
const TOKEN_FILE = { AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/secrets/token" };

describe("credentialSource", () => {
  it("follows where the run is: Airplane, GitHub Actions, a token file, else the default chain", () => {
    expect(credentialSource(AIRPLANE)).toBe("airplane");
    expect(credentialSource(GITHUB)).toBe("github");
    expect(credentialSource(TOKEN_FILE)).toBe("token-file");
    expect(credentialSource({})).toBe("default");
  });

  it("lets AWS_AUTH_MODE force a source, oidc meaning whichever OIDC source is present", () => {
    expect(credentialSource({ ...AIRPLANE, AWS_AUTH_MODE: "default" })).toBe("default");
    expect(credentialSource({ ...AIRPLANE, ...TOKEN_FILE, AWS_AUTH_MODE: "token-file" })).toBe("token-file");
    expect(credentialSource({ ...GITHUB, AWS_AUTH_MODE: "oidc" })).toBe("github");
    expect(credentialSource({ ...TOKEN_FILE, AWS_AUTH_MODE: "oidc" })).toBe("token-file");
  });

  it("refuses AWS_AUTH_MODE=oidc where no token can come from, naming what to set", () => {
    expect(() => credentialSource({ AWS_AUTH_MODE: "oidc" })).toThrow(
      expect.objectContaining({
        code: "NoIdTokenSource",
        message: expect.stringMatching(
          /none of AIRPLANE_API_HOST, ACTIONS_ID_TOKEN_REQUEST_URL, AWS_WEB_IDENTITY_TOKEN_FILE is set/,
        ) as unknown,
      }),
    );
  });

  it("refuses a forced source that is absent", () => {
    expect(() => credentialSource({ AWS_AUTH_MODE: "airplane" })).toThrow(/AIRPLANE_API_HOST is not set/);
    expect(() => credentialSource({ ...AIRPLANE, AWS_AUTH_MODE: "github" })).toThrow(
      /ACTIONS_ID_TOKEN_REQUEST_URL is not set, so this is not a GitHub Actions job/,
    );
  });

  it("rejects an unknown AWS_AUTH_MODE, listing the modes", () => {
    expect(() => credentialSource({ AWS_AUTH_MODE: "sso" })).toThrow(
      /AWS_AUTH_MODE "sso" is not a mode: use one of airplane, github, token-file, oidc, default/,
    );
  });

  it.each([{}, { AWS_AUTH_MODE: "github" }, { AWS_AUTH_MODE: "oidc" }])(
    "names the missing id-token permission of a GitHub job, and where to add it (%o)",
    (mode) => {
      expect(() => credentialSource({ ...GITHUB_JOB, ...mode })).toThrow(
        expect.objectContaining({
          code: "IdTokenPermissionMissing",
          message: expect.stringMatching(
            /"permissions: id-token: write".*\.github\/workflows\/task-<slug>\.yml/,
          ) as unknown,
        }),
      );
    },
  );
});

describe("fromTaskRole without an OIDC token", () => {
  it("uses the SDK's default chain on a plain local run and says so once", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIALOCALDEVELOPER");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", CANARY.secretAccessKey);
    for (const name of ["AIRPLANE_API_HOST", "ACTIONS_ID_TOKEN_REQUEST_URL", "AWS_WEB_IDENTITY_TOKEN_FILE"]) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv("GITHUB_ACTIONS", undefined);
    vi.stubEnv("AWS_AUTH_MODE", undefined);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);

    const first = await fromTaskRole()();
    const second = await fromTaskRole()();

    expect(first.accessKeyId).toBe("AKIALOCALDEVELOPER");
    expect(second.accessKeyId).toBe("AKIALOCALDEVELOPER");
    const notices = stderr.mock.calls.map(([text]) => String(text));
    expect(notices.filter((text) => text.includes("AWS SDK default chain"))).toHaveLength(1);
    for (const notice of notices) expectNoSecrets(notice);
  });

  it("fails before any call on a GitHub job without id-token: write", async () => {
    for (const [name, value] of Object.entries({ ...GITHUB_JOB, AWS_ACCESS_KEY_ID: "AKIALOCALDEVELOPER" })) {
      vi.stubEnv(name, value);
    }
    vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_URL", undefined);
    vi.stubEnv("AWS_AUTH_MODE", undefined);
    await expect(fromTaskRole()()).rejects.toMatchObject({ code: "IdTokenPermissionMissing" });
  });
});
