import {
  ListAccountsCommand,
  type ListAccountsCommandInput,
  OrganizationsClient,
  paginateListAccounts,
} from "@aws-sdk/client-organizations";
import { describe, expect, it } from "vitest";
import { demoConfig, type LocalStackConfig, type RoleConfig } from "../src/index";
import { assumeRole, type Credentials, failureOf, useLocalStack } from "./helpers";
import { teamRole } from "./testConfig";

const MANAGEMENT = "123456789012";
const MEMBERS = ["222222222222", "333333333333", "444444444444"];
const LIST = { Effect: "Allow", Action: "organizations:ListAccounts", Resource: "*" };

/** A member account's role that the management account's lister may chain into, allowed ListAccounts too. */
function memberLister(): RoleConfig {
  return {
    name: "member_lister",
    accountId: MEMBERS[0],
    trustPolicy: {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:role/lister` }, Action: "sts:AssumeRole" },
      ],
    },
    permissionPolicies: [{ Version: "2012-10-17", Statement: [LIST] } as RoleConfig["trustPolicy"]],
  };
}

function config(): LocalStackConfig {
  const base = demoConfig();
  base.roles.push(
    teamRole("lister", [LIST, { Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }]),
    teamRole("no_lister", []),
    memberLister(),
  );
  base.organization = {
    accounts: [{ id: MEMBERS[0] ?? "" }, { id: MEMBERS[1] ?? "", state: "SUSPENDED" }, { id: MEMBERS[2] ?? "" }],
  };
  return base;
}

const stack = useLocalStack({ config: config() });

async function organizations(roleName: string): Promise<OrganizationsClient> {
  const { credentials } = await assumeRole(stack(), { taskSlug: "lister_task", roleName });
  return new OrganizationsClient({ credentials });
}

const list = async (client: OrganizationsClient, input: ListAccountsCommandInput = {}) =>
  client.send(new ListAccountsCommand(input));

describe("Organizations ListAccounts on the stand-in", () => {
  it("lists the management account first, then the members with their State, page by page with NextToken", async () => {
    const client = await organizations("lister");
    const first = await list(client, { MaxResults: 2 });
    expect(first.Accounts?.map((account) => [account.Id, account.State])).toEqual([
      [MANAGEMENT, "ACTIVE"],
      [MEMBERS[0], "ACTIVE"],
    ]);
    expect(first.NextToken).toEqual(expect.any(String));
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client, pageSize: 1 }, {})) {
      ids.push(...(page.Accounts ?? []).map((account) => account.Id ?? ""));
    }
    expect(ids).toEqual([MANAGEMENT, ...MEMBERS]);
  });

  it.each([0, 21])("refuses MaxResults %i, outside 1 to 20", async (MaxResults) => {
    const error = await failureOf(list(await organizations("lister"), { MaxResults }));
    expect(error.name).toBe("InvalidInputException");
  });

  it("refuses a NextToken it did not give", async () => {
    const error = await failureOf(list(await organizations("lister"), { NextToken: "bm90LWEtdG9rZW4" }));
    expect(error.name).toBe("InvalidInputException");
  });

  it("refuses a role its policies do not allow organizations:ListAccounts", async () => {
    const error = await failureOf(list(await organizations("no_lister")));
    expect(error.name).toBe("AccessDeniedException");
    expect(error.message).toContain("is not authorized to perform: organizations:ListAccounts");
  });

  it("refuses a member account, even one whose policies allow it", async () => {
    const { credentials } = await assumeRole(stack(), { taskSlug: "lister_task", roleName: "lister" });
    const { STSClient, AssumeRoleCommand } = await import("@aws-sdk/client-sts");
    const { Credentials: issued } = await new STSClient({ credentials }).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBERS[0]}:role/member_lister`, RoleSessionName: "member" }),
    );
    const member: Credentials = {
      accessKeyId: issued?.AccessKeyId ?? "",
      secretAccessKey: issued?.SecretAccessKey ?? "",
      sessionToken: issued?.SessionToken ?? "",
    };
    const error = await failureOf(list(new OrganizationsClient({ credentials: member })));
    expect(error).toMatchObject({
      name: "AccessDeniedException",
      message: "You don't have permissions to access this resource.",
    });
  });
});
