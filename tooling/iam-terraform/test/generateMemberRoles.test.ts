import { describe, expect, it } from "vitest";
import {
  generateMemberRoles,
  IamInputError,
  memberRolesModel,
  type MemberRoleSettings,
  type PermissionStatement,
  policyDocument,
  type TaskDescription,
  valueBinding,
} from "../src/index";
import { READ_TAGS } from "./fixtureTasks";
import { parseFiles, type TerraformFile } from "./terraformShapes";

const TASK_ACCOUNT = "111111111111";
const CHAIN: PermissionStatement = {
  why: "Chain into the member accounts' roles, with the run's session tags.",
  actions: ["sts:AssumeRole", "sts:TagSession"],
  resources: ["arn:aws:iam::*:role/airplane-copy_tags"],
};
const LIST_ACCOUNTS: PermissionStatement = {
  why: "List the Organization's accounts.",
  actions: ["organizations:ListAccounts"],
  resources: ["*"],
  scope: "task-role",
};
const chainer: TaskDescription = {
  slug: "copy_tags",
  roleArnConfigVar: "aws_role_arn_copy_tags",
  statements: [READ_TAGS, CHAIN],
  permissionsFile: "tasks/copy_tags/aws-permissions.json",
};
const local: TaskDescription = {
  slug: "whoami",
  roleArnConfigVar: "aws_role_arn_whoami",
  statements: [READ_TAGS],
  permissionsFile: "tasks/whoami/aws-permissions.json",
};

const settingsWith = (externalId?: string): MemberRoleSettings => ({
  taskAccountId: TASK_ACCOUNT,
  ...(externalId ? { externalId } : {}),
});

function memberFile(externalId?: string): TerraformFile {
  const files = generateMemberRoles([local, chainer], settingsWith(externalId));
  expect(files.map((file) => file.name).sort()).toEqual([
    ".gitignore",
    "member-copy_tags.tf.json",
    "terraform.tf.json",
  ]);
  return parseFiles(files.filter((file) => file.name.endsWith(".json")))["member-copy_tags.tf.json"] as TerraformFile;
}

/** The trust policy as IAM stores it in a member account: the model the Terraform is rendered from. */
function trustDocument(externalId?: string) {
  const [role] = memberRolesModel([local, chainer], settingsWith(externalId), valueBinding({}, "222222222222"));
  if (!role) throw new Error("No member role.");
  return policyDocument(role.trustPolicy);
}

describe("generateMemberRoles", () => {
  it("writes a role only the task's own role may assume, with sts:AssumeRole and sts:TagSession", () => {
    expect(trustDocument()).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AirplaneTaskRole",
          Effect: "Allow",
          Action: ["sts:TagSession", "sts:AssumeRole"],
          Principal: { AWS: `arn:aws:iam::${TASK_ACCOUNT}:role/airplane-copy_tags` },
        },
      ],
    });
  });

  it("writes the same trust into Terraform", () => {
    const trust = memberFile("ext-id:42").data?.aws_iam_policy_document.copy_tags_trust?.statement[0];
    expect(trust).toMatchObject({
      principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${TASK_ACCOUNT}:role/airplane-copy_tags`] }],
      condition: [{ test: "StringEquals", variable: "sts:ExternalId", values: ["ext-id:42"] }],
    });
  });

  it("requires the external ID when one is given", () => {
    expect(trustDocument("ext-id:42").Statement).toEqual([
      expect.objectContaining({ Condition: { StringEquals: { "sts:ExternalId": "ext-id:42" } } }),
    ]);
  });

  it("names the role after the task and allows what the task declares, as the task account's role does", () => {
    const file = memberFile();
    const role = (file.resource as Record<string, Record<string, Record<string, unknown>>>).aws_iam_role?.copy_tags;
    expect(role?.name).toBe("airplane-copy_tags");
    const permissions = file.data?.aws_iam_policy_document.copy_tags_permissions?.statement ?? [];
    expect(permissions.map((statement) => statement.actions)).toEqual([READ_TAGS.actions, CHAIN.actions]);
  });

  it("leaves out the statements scoped to the task's own role, such as its chaining", () => {
    const scoped: TaskDescription = {
      ...chainer,
      statements: [READ_TAGS, { ...CHAIN, scope: "task-role" }, LIST_ACCOUNTS],
    };
    const file = parseFiles(
      generateMemberRoles([scoped], { taskAccountId: TASK_ACCOUNT }).filter((each) => each.name.endsWith(".json")),
    )["member-copy_tags.tf.json"] as TerraformFile;
    const permissions = file.data?.aws_iam_policy_document.copy_tags_permissions?.statement ?? [];
    expect(permissions.map((statement) => statement.actions)).toEqual([READ_TAGS.actions]);
  });

  it("refuses a task whose every statement is for its own role: its member role could do nothing", () => {
    const onlyOwn: TaskDescription = { ...chainer, statements: [{ ...CHAIN, scope: "task-role" }] };
    expect(() => generateMemberRoles([onlyOwn], { taskAccountId: TASK_ACCOUNT })).toThrow(
      /every statement has "scope": "task-role", so the member role of copy_tags could do nothing/,
    );
  });

  it("refuses a bad account ID, a bad external ID and a repository where no task chains, all at once", () => {
    const generate = () => generateMemberRoles([local], { taskAccountId: "1111", externalId: "x" });
    expect(generate).toThrow(IamInputError);
    expect(generate).toThrow(
      /"1111" is not an AWS account ID[\s\S]*--external-id[\s\S]*No task declares sts:AssumeRole/,
    );
  });
});
