import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type PolicyModel, policyDocument } from "../src/index";

// The JSON AWS provider 5.100.0 rendered with `terraform plan` from the aws_iam_policy_document
// blocks of policies.tf.json (the provider read from a local mirror): the ground truth for the
// JSON IAM stores, which the stand-in is given. Each model below holds what those blocks say.
const fixture = join(__dirname, "fixtures", "provider-policy-documents");
const rendered = JSON.parse(readFileSync(join(fixture, "rendered-by-aws-provider-5.100.0.json"), "utf8")) as Record<
  string,
  unknown
>;

const MODELS: Record<string, PolicyModel> = {
  single_values: {
    comment: "",
    statements: [{ sid: "", effect: "Allow", actions: ["s3:ListAllMyBuckets"], resources: ["*"] }],
  },
  sets_sorted_in_reverse: {
    comment: "",
    statements: [
      {
        sid: "ReadAndWrite",
        effect: "Allow",
        actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetObject"],
        resources: [
          "arn:aws:s3:::demo-bucket/home/${aws:username}/*",
          "arn:aws:s3:::demo-bucket",
          "arn:aws:s3:::demo-bucket/${aws:userid}",
        ],
      },
    ],
  },
  principals_and_conditions: {
    comment: "",
    statements: [
      {
        sid: "",
        effect: "Allow",
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [
          {
            type: "Federated",
            identifiers: [
              "arn:aws:iam::123456789012:oidc-provider/a.example",
              "arn:aws:iam::123456789012:oidc-provider/b.example",
            ],
          },
          { type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] },
        ],
        conditions: [
          { test: "StringEquals", variable: "b.example:sub", values: ["second", "first"] },
          { test: "StringEquals", variable: "a.example:aud", values: ["sts.amazonaws.com"] },
          { test: "StringLike", variable: "a.example:sub", values: ["team:*:env:${aws:username}"] },
        ],
      },
    ],
  },
};

describe("policyDocument", () => {
  it("covers every case the provider rendered", () => {
    expect(Object.keys(MODELS).sort()).toEqual(Object.keys(rendered).sort());
  });

  it.each(Object.keys(MODELS))("renders %s exactly as the AWS provider does, key order included", (name) => {
    expect(JSON.stringify(policyDocument(MODELS[name] as PolicyModel), null, 2)).toBe(
      JSON.stringify(rendered[name], null, 2),
    );
  });
});
