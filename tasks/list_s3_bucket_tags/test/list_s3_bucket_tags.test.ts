import { GetBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { displayedOutput } from "@repo/task-cli";
import { leaksSessionToken, leakyAwsError, unitTestTask } from "@repo/task-test";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import task from "../list_s3_bucket_tags.airplane";

const s3 = mockClient(S3Client);
const { config, run } = unitTestTask(task, { mocks: [s3] });

describe("list_s3_bucket_tags", () => {
  it("is an Airplane task reading its role from a config var", () => {
    expect(config.slug).toBe("list_s3_bucket_tags");
    expect(config.envVars?.AWS_ROLE_ARN).toEqual({ config: "aws_role_arn_list_s3_bucket_tags" });
  });

  it("returns the tags as table rows sorted by key", async () => {
    s3.on(GetBucketTaggingCommand).resolves({
      TagSet: [
        { Key: "team", Value: "platform" },
        { Key: "cost-center", Value: "cc-1234" },
      ],
    });
    const output = await run({ bucket: "demo-bucket" });
    expect(output).toEqual([
      { key: "cost-center", value: "cc-1234" },
      { key: "team", value: "platform" },
    ]);
    expect(displayedOutput(config.outputDisplay, output)).toEqual({
      type: "table",
      columns: [
        { label: "Key", accessor: "key" },
        { label: "Value", accessor: "value" },
      ],
      rows: [
        ["cost-center", "cc-1234"],
        ["team", "platform"],
      ],
    });
  });

  it("returns no rows for a bucket without tags", async () => {
    s3.on(GetBucketTaggingCommand).rejects(
      Object.assign(new Error("The TagSet does not exist"), { name: "NoSuchTagSet" }),
    );
    await expect(run({ bucket: "demo-bucket" })).resolves.toEqual([]);
  });

  it("refuses an invalid bucket name before any AWS call", async () => {
    await expect(run({ bucket: "Demo" })).rejects.toThrow(/bucket "Demo" is not a valid S3 bucket name/);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe("list_s3_bucket_tags errors", () => {
  it("leave the task with their message and AWS code, and without the request or response", async () => {
    s3.on(GetBucketTaggingCommand).rejects(leakyAwsError());
    const error = await run({ bucket: "demo-bucket" }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect(String((error as Error).message)).toContain("Access Denied");
    expect(leaksSessionToken(error)).toBe(false);
  });
});
