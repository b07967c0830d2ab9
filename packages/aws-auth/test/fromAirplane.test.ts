import { afterEach, describe, expect, it, vi } from "vitest";
import { authMode, fromAirplane } from "../src/fromAirplane";
import { CANARY, expectNoSecrets } from "./fixtures";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("authMode", () => {
  it("uses OIDC where Airplane issues tokens and the default chain elsewhere", () => {
    expect(authMode({ AIRPLANE_API_HOST: "https://api.airplane.dev" })).toBe("oidc");
    expect(authMode({})).toBe("default");
  });

  it("lets AWS_AUTH_MODE force either", () => {
    expect(authMode({ AWS_AUTH_MODE: "default", AIRPLANE_API_HOST: "https://api.airplane.dev" })).toBe("default");
    expect(authMode({ AWS_AUTH_MODE: "oidc" })).toBe("oidc");
  });

  it("rejects an unknown AWS_AUTH_MODE", () => {
    expect(() => authMode({ AWS_AUTH_MODE: "sso" })).toThrow(/AWS_AUTH_MODE "sso" is not a mode/);
  });
});

describe("fromAirplane", () => {
  it("uses the SDK's default chain on a plain local run and says so once", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIALOCALDEVELOPER");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", CANARY.secretAccessKey);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);

    vi.stubEnv("AIRPLANE_API_HOST", undefined);
    vi.stubEnv("AWS_AUTH_MODE", undefined);
    const first = await fromAirplane()();
    const second = await fromAirplane()();

    expect(first.accessKeyId).toBe("AKIALOCALDEVELOPER");
    expect(second.accessKeyId).toBe("AKIALOCALDEVELOPER");
    const notices = stderr.mock.calls.map(([text]) => String(text));
    expect(notices.filter((text) => text.includes("AWS SDK default chain"))).toHaveLength(1);
    for (const notice of notices) expectNoSecrets(notice);
  });

  it("requires Airplane when AWS_AUTH_MODE=oidc", async () => {
    vi.stubEnv("AIRPLANE_API_HOST", undefined);
    vi.stubEnv("AWS_AUTH_MODE", "oidc");
    vi.stubEnv("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/r");
    vi.stubEnv("AWS_REGION", "us-east-1");
    await expect(fromAirplane()()).rejects.toMatchObject({ code: "NotOnAirplane" });
  });
});
