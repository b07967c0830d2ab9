import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { demoConfig, type LocalStackConfig, type RoleConfig } from "../src/index";
import { assumeRole, DEMO_TASK, failureOf, statusOf, useLocalStack } from "./helpers";

const ACCOUNT = "123456789012";
const TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/add_s3_bucket_tag`;
const OTHER_TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/airplane-list_s3_bucket_tags`;
const arnOf = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** A role that the given role may chain into, with the given actions and conditions. */
function chainedRole(name: string, principal: string, actions: string[], condition?: object): RoleConfig {
  return {
    name,
    trustPolicy: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: principal },
          Action: actions,
          ...(condition ? { Condition: condition } : {}),
        },
      ],
    } as RoleConfig["trustPolicy"],
  };
}

function config(): LocalStackConfig {
  const base = demoConfig();
  base.roles.push(
    chainedRole("member", TASK_ROLE, ["sts:AssumeRole", "sts:TagSession"]),
    chainedRole("member_without_tag_session", TASK_ROLE, ["sts:AssumeRole"]),
    chainedRole("member_of_another_task", OTHER_TASK_ROLE, ["sts:AssumeRole", "sts:TagSession"]),
    chainedRole("member_with_external_id", TASK_ROLE, ["sts:AssumeRole", "sts:TagSession"], {
      StringEquals: { "sts:ExternalId": "ext-123" },
    }),
  );
  return base;
}

const stack = useLocalStack({ config: config() });
const TAGS = [{ Key: "AirplaneTask", Value: DEMO_TASK }];

/** The task's own session (the first hop), then sts:AssumeRole with it. */
async function chain(roleName: string, extra: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> = {}) {
  const { credentials } = await assumeRole(stack(), { taskSlug: DEMO_TASK });
  const sts = new STSClient({ credentials });
  return sts.send(
    new AssumeRoleCommand({ RoleArn: arnOf(roleName), RoleSessionName: "run1.chained", Tags: TAGS, ...extra }),
  );
}

describe("AssumeRole: chaining from a task's role", () => {
  it("issues credentials of the role whose trust policy names the task's role", async () => {
    const response = await chain("member");
    expect(response.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/member/run1.chained`);

    const { AccessKeyId, SecretAccessKey, SessionToken } = response.Credentials ?? {};
    const identity = await new STSClient({
      credentials: {
        accessKeyId: AccessKeyId ?? "",
        secretAccessKey: SecretAccessKey ?? "",
        sessionToken: SessionToken ?? "",
      },
    }).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/member/run1.chained`);
  });

  it("refuses a role trusting another task's role, naming the session and the role", async () => {
    const error = await failureOf(chain("member_of_another_task"));
    expect(error.name).toBe("AccessDenied");
    expect(statusOf(error)).toBe(403);
    expect(error.message).toMatch(
      new RegExp(
        `assumed-role/add_s3_bucket_tag/.* is not authorized to perform: sts:AssumeRole on resource: ${arnOf("member_of_another_task")}`,
      ),
    );
  });

  it("refuses session tags when the trust policy lacks sts:TagSession, and allows the same call without tags", async () => {
    const error = await failureOf(chain("member_without_tag_session"));
    expect(error.message).toContain(
      `not authorized to perform: sts:TagSession on resource: ${arnOf("member_without_tag_session")}`,
    );
    await expect(chain("member_without_tag_session", { Tags: undefined })).resolves.toBeDefined();
  });

  it("checks sts:ExternalId against the trust policy's condition", async () => {
    await expect(failureOf(chain("member_with_external_id"))).resolves.toMatchObject({ name: "AccessDenied" });
    await expect(failureOf(chain("member_with_external_id", { ExternalId: "wrong-id" }))).resolves.toMatchObject({
      name: "AccessDenied",
    });
    await expect(chain("member_with_external_id", { ExternalId: "ext-123" })).resolves.toBeDefined();
  });

  it("caps a chained session at one hour, as STS does", async () => {
    const error = await failureOf(chain("member", { DurationSeconds: 7200 }));
    expect(error.name).toBe("ValidationError");
    expect(error.message).toMatch(/1 hour session limit for roles assumed by role chaining/);
  });

  it("refuses a role of another account, as STS refuses one it cannot see", async () => {
    const error = await failureOf(chain("member", { RoleArn: "arn:aws:iam::210987654321:role/member" }));
    expect(error.name).toBe("AccessDenied");
  });
});
