import { describe, expect, it } from "vitest";
import { missingStudioConfigVars } from "../src/studioConfig";
import { fixtureRepo } from "./fixtureRepo";

const task = (slug: string) => ({
  exportName: "default",
  type: "task",
  slug,
  envVars: { AWS_ROLE_ARN: { config: `aws_role_arn_${slug}` }, AWS_REGION: { config: "aws_region" }, MODE: "fixed" },
  parameters: {},
});

describe("airplane.dev.example.yaml", () => {
  it("must list every config var a task reads, or that task's studio run stops", () => {
    const root = fixtureRepo({
      "airplane.dev.example.yaml":
        "configVars:\n  aws_region: us-east-1\n  aws_role_arn_one: arn:aws:iam::1:role/one\n",
    });
    expect(missingStudioConfigVars(root, [task("one")])).toEqual([]);
    expect(missingStudioConfigVars(root, [task("one"), task("two")])).toEqual([
      expect.objectContaining({
        file: "airplane.dev.example.yaml",
        problem: expect.stringMatching(/^lacks the config var aws_role_arn_two, which two reads/) as unknown,
      }),
    ]);
  });
});
