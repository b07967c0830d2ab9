import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluatePolicies, normalizePolicy, type PolicyDocument } from "@repo/iam-policy";
import { afterEach, describe, expect, it } from "vitest";
import { loadTerraformRoles, type PermissionStatement, type RoleDefinition, TerraformConfigError } from "../src/index";

// What is committed, read back the way the local stand-in will: this tests the files, not the generator.
const repoRoot = join(__dirname, "..", "..", "..");
const committed = join(repoRoot, "infra", "terraform");
const ACCOUNT = "123456789012";
const TEAM = "tea20010101aaaaaaaaaa";
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/api.airplane.dev`;

/** Each task folder's declared statements, read from the task files themselves (no tsx needed). */
const declared: Record<string, PermissionStatement[]> = Object.fromEntries(
  readdirSync(join(repoRoot, "tasks")).map((slug) => {
    const file = join(repoRoot, "tasks", slug, "aws-permissions.json");
    return [slug, (JSON.parse(readFileSync(file, "utf8")) as { statements: PermissionStatement[] }).statements];
  }),
);
const slugs = Object.keys(declared).sort();

const { oidcProviders, roles } = loadTerraformRoles(committed, { accountId: ACCOUNT });

function roleOf(slug: string): RoleDefinition {
  const role = roles.find((candidate) => candidate.name === `airplane-${slug}`);
  if (!role) throw new Error(`No role for task ${slug}.`);
  return role;
}

/** STS's question for a token: may this token assume the role? */
function assume(role: RoleDefinition, claims: { sub: string; aud?: string }, principalId = PROVIDER_ARN) {
  return evaluatePolicies([normalizePolicy(role.trustPolicy)], {
    action: "sts:AssumeRoleWithWebIdentity",
    principal: { type: "Federated", id: principalId },
    context: { "api.airplane.dev:aud": claims.aud ?? "sts.amazonaws.com", "api.airplane.dev:sub": claims.sub },
  }).decision;
}

/** The role's permissions' answer for one call. */
function call(role: RoleDefinition, action: string, resource: string) {
  return evaluatePolicies(role.permissionPolicies.map(normalizePolicy), { action, resource }).decision;
}

const subject = (slug: string, env = "prod", team = TEAM) => `team:${team}:env:${env}:task:${slug}`;
// A concrete resource a declared pattern covers: arn:aws:s3:::* stands for every bucket.
const sampleResource = (pattern: string) =>
  pattern === "*" ? "arn:aws:s3:::demo-bucket" : pattern.replaceAll("*", "demo-bucket");

describe("loadTerraformRoles on the committed infra/terraform", () => {
  it("finds Airplane's OIDC provider with the STS audience", () => {
    expect(oidcProviders).toEqual([{ url: "https://api.airplane.dev", clientIds: ["sts.amazonaws.com"] }]);
  });

  it("finds one role per task, with a one-hour maximum session", () => {
    expect(roles.map((role) => role.name)).toEqual(slugs.map((slug) => `airplane-${slug}`));
    for (const role of roles) expect(role.maxSessionDurationSeconds).toBe(3600);
  });

  it("turns each trust policy into the IAM document that admits exactly its own task's subject", () => {
    for (const slug of slugs) {
      expect(roleOf(slug).trustPolicy).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AirplaneTaskIdToken",
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: PROVIDER_ARN },
            Condition: {
              StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com", "api.airplane.dev:sub": subject(slug) },
            },
          },
        ],
      } satisfies PolicyDocument);
    }
  });

  it("lets a task's token assume its own role and no other", () => {
    for (const tokenOf of slugs) {
      for (const roleFor of slugs) {
        expect([tokenOf, roleFor, assume(roleOf(roleFor), { sub: subject(tokenOf) })]).toEqual([
          tokenOf,
          roleFor,
          tokenOf === roleFor ? "Allow" : "ImplicitDeny",
        ]);
      }
    }
  });

  it("refuses the right task's token from another env, another team, for another audience or provider", () => {
    const role = roleOf("add_s3_bucket_tag");
    expect(assume(role, { sub: subject("add_s3_bucket_tag", "studio") })).toBe("ImplicitDeny");
    expect(assume(role, { sub: subject("add_s3_bucket_tag", "prod", "tea20990101zzzzzzzzzz") })).toBe("ImplicitDeny");
    expect(assume(role, { sub: subject("add_s3_bucket_tag"), aud: "https://example.com" })).toBe("ImplicitDeny");
    const otherProvider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    expect(assume(role, { sub: subject("add_s3_bucket_tag") }, otherProvider)).toBe("ImplicitDeny");
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

  it("gives a task that declares nothing no permission policy at all", () => {
    expect(declared.get_aws_caller_identity).toEqual([]);
    expect(roleOf("get_aws_caller_identity").permissionPolicies).toEqual([]);
  });

  it("substitutes overridden variables, as terraform apply -var would", () => {
    const staging = loadTerraformRoles(committed, { accountId: ACCOUNT, variables: { airplane_env_slug: "staging" } });
    const role = staging.roles.find((candidate) => candidate.name === "airplane-tag_s3_buckets");
    expect(role && assume(role, { sub: subject("tag_s3_buckets", "staging") })).toBe("Allow");
    expect(role && assume(role, { sub: subject("tag_s3_buckets") })).toBe("ImplicitDeny");
  });
});

describe("loadTerraformRoles refuses what it cannot read faithfully", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A copy of the committed folder with one more file. */
  function committedPlus(name: string, content: object): string {
    dir = mkdtempSync(join(tmpdir(), "iam-terraform-load-"));
    cpSync(committed, dir, { recursive: true });
    writeFileSync(join(dir, name), JSON.stringify(content));
    return dir;
  }

  it("a resource that could grant permissions it does not model", () => {
    const attachment = {
      aws_iam_role_policy_attachment: {
        admin: { role: "x", policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" },
      },
    };
    expect(() =>
      loadTerraformRoles(committedPlus("extra.tf.json", { resource: attachment }), { accountId: ACCOUNT }),
    ).toThrow("extra.tf.json: resource aws_iam_role_policy_attachment.admin is not modelled here");
  });

  it("an expression only Terraform can evaluate", () => {
    const role = { aws_iam_role: { upper: { name: "${upper(var.airplane_env_slug)}", assume_role_policy: "{}" } } };
    expect(() =>
      loadTerraformRoles(committedPlus("upper.tf.json", { resource: role }), { accountId: ACCOUNT }),
    ).toThrow(
      new TerraformConfigError(
        '"${upper(var.airplane_env_slug)}" holds an expression only Terraform evaluates; this reader resolves ' +
          "references such as var.name and the attributes of the generated resources.",
      ),
    );
  });

  it("a variable the folder does not declare, or an account ID that is not one", () => {
    expect(() => loadTerraformRoles(committed, { accountId: ACCOUNT, variables: { team: TEAM } })).toThrow(
      "There is no variable team to set; the folder declares airplane_env_slug, airplane_oidc_thumbprints, airplane_team_id.",
    );
    expect(() => loadTerraformRoles(committed, { accountId: "1234" })).toThrow('accountId "1234" is not a 12-digit');
  });
});
