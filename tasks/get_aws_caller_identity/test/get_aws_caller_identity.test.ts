import { GetCallerIdentityCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { displayedOutput } from "@repo/task-cli";
import { leaksSessionToken, leakyAwsError, unitTestTask } from "@repo/task-test";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import task from "../get_aws_caller_identity.airplane";

const sts = mockClient(STSClient);
const { config, run } = unitTestTask(task, { mocks: [sts] });

describe("get_aws_caller_identity", () => {
  it("is an Airplane task reading its role from a config var", () => {
    expect(config.slug).toBe("get_aws_caller_identity");
    expect(config.envVars?.AWS_ROLE_ARN).toEqual({ config: "aws_role_arn_get_aws_caller_identity" });
  });

  it("shows the account, the role and the session name of an assumed role", async () => {
    sts.on(GetCallerIdentityCommand).resolves({
      Account: "123456789012",
      Arn: "arn:aws:sts::123456789012:assumed-role/get_aws_caller_identity/run123.get_aws_caller_identity",
      UserId: "AROAEXAMPLE:run123.get_aws_caller_identity",
    });

    const output = await run();
    const identity = {
      account: "123456789012",
      arn: "arn:aws:sts::123456789012:assumed-role/get_aws_caller_identity/run123.get_aws_caller_identity",
      user_id: "AROAEXAMPLE:run123.get_aws_caller_identity",
      role: "get_aws_caller_identity",
      session_name: "run123.get_aws_caller_identity",
      credentials_from: "the AWS SDK default credential chain (a local run)",
    };
    // Airplane's run page: a description list, the account and role first, read from the output as it is.
    const items = [
      { term: "Account", description: identity.account },
      { term: "Role", description: identity.role },
      { term: "Session", description: identity.session_name },
      { term: "ARN", description: identity.arn },
      { term: "User ID", description: identity.user_id },
      { term: "Credentials from", description: identity.credentials_from },
    ];
    expect(output).toEqual({ ...identity, rows: items });
    expect(config.outputDisplay).toEqual({ type: "descriptionList", value: "{{output.rows}}" });
    expect(displayedOutput(config.outputDisplay, output)).toEqual({ type: "descriptionList", items });
  });

  it("leaves out of the run page what STS did not say", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/ci" });

    const output = (await run()) as { role: string | null; rows: Array<{ term: string }> };

    expect(output.role).toBeNull();
    expect(output.rows.map((row) => row.term)).toEqual(["Account", "ARN", "Credentials from"]);
  });

  it("explains refused credentials", async () => {
    sts.on(GetCallerIdentityCommand).rejects(
      new STSServiceException({
        name: "InvalidClientTokenId",
        message: "The security token included in the request is invalid.",
        $fault: "client",
        $metadata: { httpStatusCode: 403 },
      }),
    );
    await expect(run()).rejects.toThrow(/STS refused the credentials \(InvalidClientTokenId: .*\)\. Renew them/);
  });
});

describe("get_aws_caller_identity errors", () => {
  it("leave the task with their message and AWS code, and without the request or response", async () => {
    sts.on(GetCallerIdentityCommand).rejects(leakyAwsError());
    const error = await run().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect(String((error as Error).message)).toContain("Access Denied");
    expect(leaksSessionToken(error)).toBe(false);
  });
});
