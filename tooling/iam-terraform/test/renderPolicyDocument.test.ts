import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TerraformConfigError } from "../src/index";
import { readTerraformDir } from "../src/readTerraformDir";
import { renderPolicyDocument } from "../src/renderPolicyDocument";
import { evaluateExpression } from "../src/terraformTemplate";

// aws_iam_policy_document edge cases, and the JSON AWS provider 5.100.0 rendered from them with
// `terraform plan` (the provider read from a local mirror): the ground truth for the emulation.
const fixture = join(__dirname, "fixtures", "provider-policy-documents");
const rendered = JSON.parse(readFileSync(join(fixture, "rendered-by-aws-provider-5.100.0.json"), "utf8")) as Record<
  string,
  unknown
>;

const noReferences = (reference: string) => {
  throw new Error(`unexpected reference ${reference}`);
};

describe("renderPolicyDocument", () => {
  const { data } = readTerraformDir(fixture);

  it.each(Object.keys(rendered))("renders %s exactly as the AWS provider does, key order included", (name) => {
    const block = data.get(`aws_iam_policy_document.${name}`);
    if (!block) throw new Error(`The fixture has no data source ${name}.`);
    const document = renderPolicyDocument(block.body, (value) => evaluateExpression(value, noReferences), name);
    expect(JSON.stringify(document, null, 2)).toBe(JSON.stringify(rendered[name], null, 2));
  });

  it("refuses the arguments it does not model rather than render a different policy", () => {
    const merged = { source_policy_documents: ["{}"], statement: [{ actions: ["s3:GetObject"] }] };
    expect(() => renderPolicyDocument(merged, (value) => value, "data.aws_iam_policy_document.merged")).toThrow(
      new TerraformConfigError(
        'data.aws_iam_policy_document.merged: "source_policy_documents" is not modelled here; it reads only ' +
          "version, policy_id, statement.",
      ),
    );
  });
});
