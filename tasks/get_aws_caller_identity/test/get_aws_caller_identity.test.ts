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
    expect(output).toEqual({
      account: "123456789012",
      arn: "arn:aws:sts::123456789012:assumed-role/get_aws_caller_identity/run123.get_aws_caller_identity",
      user_id: "AROAEXAMPLE:run123.get_aws_caller_identity",
      role: "get_aws_caller_identity",
      session_name: "run123.get_aws_caller_identity",
      via: "the AWS SDK default credential chain (a local run)",
    });
    // Airplane's run page: a description list, the account and role first.
    expect(displayedOutput(config.outputDisplay, output)).toEqual({
      type: "descriptionList",
      items: [
        { term: "Account", description: "123456789012" },
        { term: "Role", description: "get_aws_caller_identity" },
        { term: "Session", description: "run123.get_aws_caller_identity" },
        {
          term: "ARN",
          description: "arn:aws:sts::123456789012:assumed-role/get_aws_caller_identity/run123.get_aws_caller_identity",
        },
        { term: "User ID", description: "AROAEXAMPLE:run123.get_aws_caller_identity" },
        { term: "Credentials from", description: "the AWS SDK default credential chain (a local run)" },
      ],
    });
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
