import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { evaluatePolicies, normalizePolicy, type PolicyDocument } from "@repo/iam-policy";
import { describe, expect, it } from "vitest";
import {
  committedIam,
  generateTerraform,
  type GeneratorSettings,
  iamDefinitions,
  iamModel,
  type PermissionStatement,
  readCommittedSettings,
  readTaskDescriptions,
  readTaskPermissions,
  type RoleDefinition,
  valueBinding,
  writeTerraformFiles,
} from "../src/index";
import { fixtureRepo, READ_TAGS, writeTask } from "./fixtureTasks";
import { githubGuardrailProblem } from "./githubGuardrail";

// What the stand-in plays: the generator's model for this repository's tasks and a set of settings
// (the committed ones, which `npm run iam -- --check` in cli.test.ts proves the committed files to
// be; here the demo settings the repository ships with, so that a fork set up for its own team,
// repository or one platform runs the same assertions).
const repoRoot = join(__dirname, "..", "..", "..");
const ACCOUNT = "123456789012";
const TEAM = "tea20010101aaaaaaaaaa";
const AIRPLANE_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/api.airplane.dev`;
const GITHUB_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const IMMUTABLE_REPO = "repo:acme@1234567/aws-tasks@987654321";

/** Each task folder's declared statements, read from the task files themselves (no tsx needed). */
const declared: Record<string, PermissionStatement[]> = Object.fromEntries(
  readdirSync(join(repoRoot, "tasks")).map((slug) => {
    const file = join(repoRoot, "tasks", slug, "aws-permissions.json");
    return [slug, (JSON.parse(readFileSync(file, "utf8")) as { statements: PermissionStatement[] }).statements];
  }),
);
const slugs = Object.keys(declared).sort();

const DEMO_SETTINGS: GeneratorSettings = {
  airplane: { teamId: TEAM, envSlug: "prod", allowStudio: false },
  github: {
    owner: "acme",
    repository: "aws-tasks",
    subjectForm: "immutable",
    ownerId: "1234567",
    repositoryId: "987654321",
  },
  region: "us-east-1",
};
const { settings, oidcProviders, roles } = committedIam(repoRoot, ACCOUNT, DEMO_SETTINGS);

function roleOf(slug: string, from: readonly RoleDefinition[] = roles): RoleDefinition {
  const role = from.find((candidate) => candidate.name === `airplane-${slug}`);
  if (!role) throw new Error(`No role for task ${slug}.`);
  return role;
}

/** STS's question for an Airplane token: may it assume the role? */
function assume(role: RoleDefinition, claims: { sub: string; aud?: string }, principalId = AIRPLANE_PROVIDER) {
  return evaluatePolicies([normalizePolicy(role.trustPolicy)], {
    action: "sts:AssumeRoleWithWebIdentity",
    principal: { type: "Federated", id: principalId },
    context: { "api.airplane.dev:aud": claims.aud ?? "sts.amazonaws.com", "api.airplane.dev:sub": claims.sub },
  }).decision;
}

/** The same for a GitHub Actions token, with the claims STS evaluates as keys of their own. */
function assumeFromGithub(role: RoleDefinition, claims: { sub: string; aud?: string; repositoryId?: string }) {
  const key = (claim: string) => `token.actions.githubusercontent.com:${claim}`;
  return evaluatePolicies([normalizePolicy(role.trustPolicy)], {
    action: "sts:AssumeRoleWithWebIdentity",
    principal: { type: "Federated", id: GITHUB_PROVIDER },
    context: {
      [key("aud")]: claims.aud ?? "sts.amazonaws.com",
      [key("sub")]: claims.sub,
      [key("repository_id")]: claims.repositoryId ?? "987654321",
    },
  }).decision;
}

/** The role's permissions' answer for one call. */
function call(role: RoleDefinition, action: string, resource: string) {
  return evaluatePolicies(role.permissionPolicies.map(normalizePolicy), { action, resource }).decision;
}

/** The roles for other settings, as terraform apply -var would make them. */
function rolesFor(other: GeneratorSettings): RoleDefinition[] {
  return iamDefinitions(iamModel(readTaskPermissions(repoRoot), other, valueBinding(other, ACCOUNT))).roles;
}

const subject = (slug: string, env = "prod", team = TEAM) => `team:${team}:env:${env}:task:${slug}`;
const githubSub = (slug: string, repo = IMMUTABLE_REPO) => `${repo}:environment:task-${slug}`;
// A concrete resource a declared pattern covers: arn:aws:s3:::* stands for every bucket.
const sampleResource = (pattern: string) =>
  pattern === "*" ? "arn:aws:s3:::demo-bucket" : pattern.replaceAll("*", "demo-bucket");

describe("committedIam: the repository's IAM as the committed infra/terraform makes it", () => {
  it("reads back from the variables it generates the settings they were generated for", () => {
    const { root, tasksDir } = fixtureRepo();
    try {
      writeTask(tasksDir, { slug: "whoami", permissions: [READ_TAGS] });
      const out = join(root, "infra");
      writeTerraformFiles(out, generateTerraform(readTaskDescriptions(tasksDir, root), DEMO_SETTINGS));
      expect(readCommittedSettings(out, "npm run iam")).toEqual(DEMO_SETTINGS);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    expect(settings).toEqual(DEMO_SETTINGS);
  });

  it("has Airplane's and GitHub's OIDC providers with the STS audience", () => {
    expect(oidcProviders).toEqual([
      { url: "https://api.airplane.dev", clientIds: ["sts.amazonaws.com"] },
      { url: "https://token.actions.githubusercontent.com", clientIds: ["sts.amazonaws.com"] },
    ]);
  });

  it("has one role per task, with a one-hour maximum session", () => {
    expect(roles.map((role) => role.name)).toEqual(slugs.map((slug) => `airplane-${slug}`));
    for (const role of roles) expect(role.maxSessionDurationSeconds).toBe(3600);
  });

  it("gives each role the trust policy IAM stores: its own task's subject on each platform, exactly", () => {
    for (const slug of slugs) {
      expect(roleOf(slug).trustPolicy).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AirplaneTaskIdToken",
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: AIRPLANE_PROVIDER },
            Condition: {
              StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com", "api.airplane.dev:sub": subject(slug) },
            },
          },
          {
            Sid: "GitHubActionsTaskEnvironment",
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: GITHUB_PROVIDER },
            Condition: {
              StringEquals: {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": githubSub(slug),
              },
            },
          },
        ],
      } satisfies PolicyDocument);
    }
  });

  it("lets a task's token assume its own role and no other, on Airplane and on GitHub", () => {
    for (const tokenOf of slugs) {
      for (const roleFor of slugs) {
        const expected = tokenOf === roleFor ? "Allow" : "ImplicitDeny";
        expect([tokenOf, roleFor, assume(roleOf(roleFor), { sub: subject(tokenOf) })]).toEqual([
          tokenOf,
          roleFor,
          expected,
        ]);
        expect([tokenOf, roleFor, assumeFromGithub(roleOf(roleFor), { sub: githubSub(tokenOf) })]).toEqual([
          tokenOf,
          roleFor,
          expected,
        ]);
      }
    }
  });

  it("refuses each task's token from another env, another team, for another audience or provider", () => {
    for (const slug of slugs) {
      const role = roleOf(slug);
      expect(assume(role, { sub: subject(slug, "studio") }), slug).toBe("ImplicitDeny");
      expect(assume(role, { sub: subject(slug, "prod", "tea20990101zzzzzzzzzz") }), slug).toBe("ImplicitDeny");
      expect(assume(role, { sub: subject(slug), aud: "https://example.com" }), slug).toBe("ImplicitDeny");
      expect(assume(role, { sub: subject(slug) }, GITHUB_PROVIDER), slug).toBe("ImplicitDeny");
    }
  });

  it("refuses a GitHub job of another repository, branch or audience, and the subject by name", () => {
    for (const slug of slugs) {
      const role = roleOf(slug);
      expect(assumeFromGithub(role, { sub: githubSub(slug, "repo:acme@1234567/other@555") }), slug).toBe(
        "ImplicitDeny",
      );
      expect(assumeFromGithub(role, { sub: `${IMMUTABLE_REPO}:ref:refs/heads/main` }), slug).toBe("ImplicitDeny");
      expect(assumeFromGithub(role, { sub: githubSub(slug), aud: "https://github.com/acme" }), slug).toBe(
        "ImplicitDeny",
      );
      expect(assumeFromGithub(role, { sub: githubSub(slug, "repo:acme/aws-tasks") }), slug).toBe("ImplicitDeny");
    }
  });

  it("in the name-only form, admits the subject by name and, given the ID, only from that repository", () => {
    const nameOnly = { owner: "acme", repository: "aws-tasks", subjectForm: "name" } as const;
    const loose = rolesFor({ github: nameOnly });
    const pinned = rolesFor({ github: { ...nameOnly, repositoryId: "987654321" } });
    for (const slug of slugs) {
      const byName = githubSub(slug, "repo:acme/aws-tasks");
      expect(assumeFromGithub(roleOf(slug, loose), { sub: byName, repositoryId: "111" }), slug).toBe("Allow");
      expect(assumeFromGithub(roleOf(slug, loose), { sub: githubSub(slug) }), slug).toBe("ImplicitDeny");
      expect(assumeFromGithub(roleOf(slug, pinned), { sub: byName }), slug).toBe("Allow");
      expect(assumeFromGithub(roleOf(slug, pinned), { sub: byName, repositoryId: "111" }), slug).toBe("ImplicitDeny");
    }
  });

  it("takes other settings as terraform apply -var would: another env's token in, this one's out", () => {
    const staging = rolesFor({ airplane: { teamId: TEAM, envSlug: "staging", allowStudio: true } });
    for (const slug of slugs) {
      const role = roleOf(slug, staging);
      expect(assume(role, { sub: subject(slug, "staging") }), slug).toBe("Allow");
      expect(assume(role, { sub: subject(slug, "studio") }), slug).toBe("Allow");
      expect(assume(role, { sub: subject(slug) }), slug).toBe("ImplicitDeny");
    }
  });

  it("passes IAM's rule for roles that trust GitHub's provider, which refuses a sub that is missing or *", () => {
    for (const role of roles)
      expect([role.name, githubGuardrailProblem(role.trustPolicy)]).toEqual([role.name, undefined]);
    for (const github of [
      { owner: "acme", repository: "aws-tasks", subjectForm: "name" } as const,
      { owner: "acme", repository: "aws-tasks", subjectForm: "name", repositoryId: "1" } as const,
    ]) {
      for (const role of rolesFor({ github })) expect(githubGuardrailProblem(role.trustPolicy)).toBeUndefined();
    }
    // The rule as written here can fail: a policy IAM would refuse.
    const open = structuredClone(roleOf(slugs[0] ?? "").trustPolicy);
    const statement = (open.Statement as { Condition: Record<string, Record<string, unknown>> }[])[1];
    if (statement) statement.Condition = { StringLike: { "token.actions.githubusercontent.com:sub": ["*", "repo:x"] } };
    expect(githubGuardrailProblem(open)).toMatch(/Statement\[1\] trusts GitHub's provider/);
  });

  it("allows each role exactly the actions its task declares, and nothing like s3:DeleteBucket", () => {
    for (const slug of slugs) {
      const role = roleOf(slug);
      for (const { actions, resources } of declared[slug] ?? []) {
        for (const action of actions) {
          for (const resource of resources)
            expect([slug, action, call(role, action, sampleResource(resource))]).toEqual([slug, action, "Allow"]);
        }
      }
      expect(call(role, "s3:DeleteBucket", "arn:aws:s3:::demo-bucket")).toBe("ImplicitDeny");
      expect(call(role, "iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/admin`)).toBe("ImplicitDeny");
    }
  });

  it("gives a role a permission policy when its task declares statements, and none at all when it declares nothing", () => {
    for (const slug of slugs) {
      const policies = roleOf(slug).permissionPolicies;
      expect([slug, policies.length > 0]).toEqual([slug, (declared[slug] ?? []).length > 0]);
    }
  });
});
