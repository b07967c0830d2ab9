import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigError,
  DEMO_GITHUB,
  demoConfig,
  loadConfigFile,
  type LocalStackConfig,
  startLocalStack,
  validateConfig,
} from "../src/index";
import { assumeRole } from "./helpers";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The demo config with one change, made by `edit` on a fresh copy. */
function demoWith(edit: (config: LocalStackConfig) => void): LocalStackConfig {
  const config = demoConfig();
  edit(config);
  return config;
}

const firstRole = (config: LocalStackConfig) => {
  const role = config.roles[0];
  if (!role) throw new Error("demoConfig has no role");
  return role;
};

describe("validateConfig", () => {
  it("resolves the demo config: defaults, ARNs and parsed policies", () => {
    const resolved = validateConfig(demoConfig());
    expect(resolved.airplane).toEqual({
      teamId: "tea20010101aaaaaaaaaa",
      envSlug: "prod",
      issuer: "https://api.airplane.dev",
    });
    expect(resolved.oidcProviders).toEqual([
      {
        url: "https://api.airplane.dev",
        identifier: "api.airplane.dev",
        arn: "arn:aws:iam::123456789012:oidc-provider/api.airplane.dev",
        clientIds: ["sts.amazonaws.com"],
      },
      {
        url: "https://token.actions.githubusercontent.com",
        identifier: "token.actions.githubusercontent.com",
        arn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
        clientIds: ["sts.amazonaws.com"],
      },
    ]);
    expect(resolved.github).toEqual({
      owner: "acme",
      name: "aws-tasks",
      ownerId: "1234567",
      repositoryId: "987654321",
      subjectForm: "immutable",
    });
    const [role] = resolved.roles;
    expect(role).toMatchObject({
      name: "add_s3_bucket_tag",
      path: "/",
      arn: "arn:aws:iam::123456789012:role/add_s3_bucket_tag",
      maxSessionDurationSeconds: 3600,
    });
    expect(role?.trustPolicy.statements[0]?.conditions).toHaveLength(2);
    expect(resolved.buckets).toEqual([
      {
        name: "demo-bucket",
        accountId: "123456789012",
        region: "us-east-1",
        tags: { team: "platform", "cost-center": "cc-1234" },
        abac: false,
      },
    ]);
  });

  it("puts a role or a bucket in another account when it names one, and keeps role names unique per account", () => {
    const config = demoConfig();
    const [role] = config.roles;
    if (!role) throw new Error("demoConfig has a role");
    config.roles.push({ ...role, accountId: "222222222222" });
    config.buckets.push({ name: "member-bucket", accountId: "222222222222" });
    const resolved = validateConfig(config);
    expect(resolved.roles.map((resolvedRole) => resolvedRole.arn)).toEqual([
      "arn:aws:iam::123456789012:role/add_s3_bucket_tag",
      "arn:aws:iam::222222222222:role/add_s3_bucket_tag",
    ]);
    expect(resolved.buckets.map((bucket) => bucket.accountId)).toEqual(["123456789012", "222222222222"]);
    config.roles.push({ ...role, accountId: "222222222222", name: "ADD_S3_BUCKET_TAG" });
    expect(() => validateConfig(config)).toThrow(/roles: "222222222222:ADD_S3_BUCKET_TAG" appears twice/);
    expect(() => validateConfig({ ...demoConfig(), buckets: [{ name: "b-1", accountId: "2222" }] })).toThrow(
      /buckets\[0\]\.accountId: "2222" is not valid: an AWS account ID has 12 digits/,
    );
  });

  it("gives each role a stable AROA role ID", () => {
    const first = validateConfig(demoConfig()).roles[0]?.roleId;
    expect(first).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(validateConfig(demoConfig()).roles[0]?.roleId).toBe(first);
  });

  it.each<[string, (config: LocalStackConfig) => void, string, RegExp]>([
    ["a short account ID", (c) => (c.accountId = "1234"), "accountId", /12 digits/],
    ["a region that is no region", (c) => (c.region = "Europe"), "region", /region name/],
    [
      "a provider over http",
      (c) => ((c.oidcProviders[0] ?? { url: "" }).url = "http://x.example"),
      "oidcProviders[0].url",
      /https/,
    ],
    [
      "a provider without client IDs",
      (c) => ((c.oidcProviders[0] ?? { clientIds: [""] }).clientIds = []),
      "oidcProviders[0].clientIds",
      /at least one/,
    ],
    [
      "two roles whose names differ only in case",
      (c) => c.roles.push({ ...firstRole(c), name: "ADD_S3_BUCKET_TAG" }),
      "roles",
      /appears twice/,
    ],
    ["a role name with a space", (c) => (firstRole(c).name = "my role"), "roles[0].name", /not valid/],
    ["a role path without slashes", (c) => (firstRole(c).path = "ops"), "roles[0].path", /path/],
    [
      "a maximum session of 30 minutes",
      (c) => (firstRole(c).maxSessionDurationSeconds = 1800),
      "roles[0].maxSessionDurationSeconds",
      /3600 to 43200/,
    ],
    [
      "a trust policy IAM would refuse",
      (c) =>
        (firstRole(c).trustPolicy = {
          Statement: { Effect: "allow" as "Allow", Action: "sts:AssumeRoleWithWebIdentity" },
        }),
      "roles[0].trustPolicy",
      /Statement\[0\]\.Effect/,
    ],
    [
      "an operator the stand-in cannot evaluate",
      (c) =>
        (firstRole(c).permissionPolicies = [
          { Statement: { Effect: "Allow", Action: "*", Condition: { NumericLessThan: { k: 1 } } } },
        ]),
      "roles[0].permissionPolicies[0]",
      /cannot evaluate: NumericLessThan/,
    ],
    [
      "an invalid bucket name",
      (c) => c.buckets.push({ name: "xn--bucket" }),
      "buckets[1].name",
      /prefix "xn--" is reserved/,
    ],
    [
      "a reserved tag key",
      (c) => c.buckets.push({ name: "tagged", tags: { "aws:owner": "me" } }),
      "buckets[1].tags",
      /System tags/,
    ],
    ["a bucket twice", (c) => c.buckets.push({ name: "demo-bucket" }), "buckets", /"demo-bucket" appears twice/],
    [
      "a GitHub repository without its owner",
      (c) => (c.github = { ...DEMO_GITHUB, repository: "aws-tasks" }),
      "github.repository",
      /owner\/repo/,
    ],
    [
      "a GitHub owner ID that is a login",
      (c) => (c.github = { ...DEMO_GITHUB, ownerId: "acme" }),
      "github.ownerId",
      /numeric ID \(gh api repos\/acme\/aws-tasks\)/,
    ],
    [
      "a subject form GitHub does not have",
      (c) => (c.github = { ...DEMO_GITHUB, subjectForm: "numeric" as "name" }),
      "github.subjectForm",
      /immutable or name/,
    ],
    [
      "abac that is no boolean",
      (c) => c.buckets.push({ name: "b-abac", abac: "yes" as unknown as boolean }),
      "buckets[1].abac",
      /true or false/,
    ],
  ])("refuses %s, naming the setting", (_label, edit, path, message) => {
    let caught: unknown;
    try {
      validateConfig(demoWith(edit));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).path).toBe(path);
    expect((caught as ConfigError).message).toMatch(message);
  });
});

describe("loadConfigFile", () => {
  async function writeConfig(content: string): Promise<string> {
    const path = join(await mkdtemp(join(tmpdir(), "local-stack-")), "config.json");
    await writeFile(path, content);
    return path;
  }

  it("reads and checks a JSON config", async () => {
    const path = await writeConfig(JSON.stringify(demoConfig()));
    expect(await loadConfigFile(path)).toEqual(demoConfig());
  });

  it("names the file and the setting at fault", async () => {
    const path = await writeConfig(JSON.stringify(demoWith((c) => (c.accountId = "x"))));
    await expect(loadConfigFile(path)).rejects.toThrow(`${path}: accountId: "x" is not valid`);
    const broken = await writeConfig("{ not json");
    await expect(loadConfigFile(broken)).rejects.toThrow(`${broken}: cannot read it as JSON`);
  });
});

describe("startLocalStack", () => {
  it("refuses nonsense options before opening any port", async () => {
    await expect(startLocalStack({ credentialLifetimeSeconds: 0 })).rejects.toThrow(/credentialLifetimeSeconds/);
    await expect(startLocalStack({ config: demoWith((c) => (c.region = "")) })).rejects.toThrow(ConfigError);
  });

  it("plays another issuer when the config names one: its tokens and condition keys follow", async () => {
    const config = demoWith((c) => {
      c.airplane.issuer = "https://airplane.example.com/oidc";
      c.oidcProviders = [{ url: "https://airplane.example.com/oidc", clientIds: ["sts.amazonaws.com"] }];
      firstRole(c).trustPolicy = {
        Version: "2012-10-17",
        Statement: {
          Effect: "Allow",
          Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/airplane.example.com/oidc" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringLike: { "airplane.example.com/oidc:sub": "team:tea20010101aaaaaaaaaa:*" } },
        },
      };
    });
    const stack = await startLocalStack({ config });
    try {
      for (const [name, value] of Object.entries(stack.awsEnv())) vi.stubEnv(name, value);
      const { response, credentials } = await assumeRole(stack);
      expect(response.Provider).toBe("https://airplane.example.com/oidc");
      const identity = await new STSClient({ credentials }).send(new GetCallerIdentityCommand({}));
      expect(identity.Arn).toMatch(/assumed-role\/add_s3_bucket_tag\//);
    } finally {
      await stack.stop();
    }
  });
});
