import {
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  NoSuchEntityException,
  paginateListRoles,
} from "@aws-sdk/client-iam";
import { beforeEach, describe, expect, it } from "vitest";
import { demoConfig } from "../src/index";
import { assumeRole, type Credentials, failureOf, statusOf, useLocalStack } from "./helpers";
import { ADMIN_RUN, teamRole, testConfig } from "./testConfig";

function iamConfig() {
  const config = testConfig();
  config.roles.push(
    teamRole("ci_deployer", [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }], "/automation/"),
    teamRole("nightly_report", [{ Effect: "Allow", Action: "s3:GetBucketTagging", Resource: "*" }], "/automation/"),
  );
  return config;
}

const stack = useLocalStack({ config: iamConfig() });
let credentials: Credentials;
let iam: IAMClient;

beforeEach(async () => {
  ({ credentials } = await assumeRole(stack(), ADMIN_RUN));
  iam = new IAMClient({ credentials });
});

const ALL_ROLES = [
  "add_s3_bucket_tag",
  "bucket_admin",
  "ci_deployer",
  "nightly_report",
  "no_permissions",
  "tagger_except_protected",
];

describe("ListRoles", () => {
  it("lists every role, ordered by name, at most 100 by default", async () => {
    const listing = await iam.send(new ListRolesCommand({}));
    expect(listing.Roles?.map((role) => role.RoleName)).toEqual(ALL_ROLES);
    expect(listing.IsTruncated).toBe(false);
    expect(listing.Marker).toBeUndefined();
  });

  it("pages with MaxItems, IsTruncated and Marker, as the SDK's paginator follows them", async () => {
    const first = await iam.send(new ListRolesCommand({ MaxItems: 4 }));
    expect(first.Roles).toHaveLength(4);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListRolesCommand({ MaxItems: 4, Marker: first.Marker }));
    expect(second.Roles?.map((role) => role.RoleName)).toEqual(ALL_ROLES.slice(4));
    expect(second.IsTruncated).toBe(false);

    const pages: string[][] = [];
    for await (const page of paginateListRoles({ client: iam, pageSize: 2 }, {})) {
      pages.push((page.Roles ?? []).map((role) => role.RoleName ?? ""));
    }
    expect(pages).toEqual([ALL_ROLES.slice(0, 2), ALL_ROLES.slice(2, 4), ALL_ROLES.slice(4)]);
  });

  it("filters by PathPrefix", async () => {
    const listing = await iam.send(new ListRolesCommand({ PathPrefix: "/automation/" }));
    expect(listing.Roles?.map((role) => [role.RoleName, role.Path])).toEqual([
      ["ci_deployer", "/automation/"],
      ["nightly_report", "/automation/"],
    ]);
    expect(listing.Roles?.[0]?.Arn).toBe("arn:aws:iam::123456789012:role/automation/ci_deployer");
  });

  it("returns each trust policy URL-encoded, as IAM does", async () => {
    const listing = await iam.send(new ListRolesCommand({}));
    const demo = listing.Roles?.find((role) => role.RoleName === "add_s3_bucket_tag");
    const encoded = demo?.AssumeRolePolicyDocument ?? "";
    expect(encoded).toMatch(/^%7B%22Version%22%3A%222012-10-17%22/);
    expect(JSON.parse(decodeURIComponent(encoded))).toEqual(demoConfig().roles[0]?.trustPolicy);
    expect(demo).toMatchObject({
      Path: "/",
      RoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/) as unknown,
      MaxSessionDuration: 3600,
      Description: "Airplane task add_s3_bucket_tag (prod) through OIDC",
    });
    expect(demo?.CreateDate).toBeInstanceOf(Date);
  });

  it.each([
    [{ MaxItems: 0 }, /'0' at 'maxItems'.*greater than or equal to 1/],
    [{ MaxItems: 1001 }, /'1001' at 'maxItems'.*less than or equal to 1000/],
    [{ PathPrefix: "automation" }, /'automation' at 'pathPrefix'/],
    [{ Marker: "not-a-marker-we-gave" }, /at 'marker'/],
  ])("refuses %o with ValidationError", async (input, message) => {
    const error = await failureOf(iam.send(new ListRolesCommand(input)));
    expect(error.name).toBe("ValidationError");
    expect(error.message).toMatch(message);
    expect(statusOf(error)).toBe(400);
  });
});

describe("GetRole", () => {
  it("returns the role with its URL-encoded trust policy", async () => {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: "ci_deployer" }));
    expect(Role).toMatchObject({ RoleName: "ci_deployer", Path: "/automation/" });
    const trust = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? "")) as { Statement: unknown[] };
    expect(trust.Statement).toHaveLength(1);
  });

  it("answers NoSuchEntity (404) for a role that does not exist", async () => {
    const error = await failureOf(iam.send(new GetRoleCommand({ RoleName: "ghost" })));
    expect(error).toBeInstanceOf(NoSuchEntityException);
    expect(error.message).toBe("The role with name ghost cannot be found.");
    expect(statusOf(error)).toBe(404);
  });
});
