import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addStudioConfigVar } from "../src/studioExample";

describe("addStudioConfigVar", () => {
  it("lists the new task's role config var in airplane.dev.example.yaml, keeping its comments", () => {
    const root = mkdtempSync(join(tmpdir(), "studio-example-"));
    const file = join(root, "airplane.dev.example.yaml");
    writeFileSync(file, "# Copy to airplane.dev.yaml.\nconfigVars:\n  aws_region: us-east-1\n");
    expect(addStudioConfigVar(root, "rotate_logs")).toBe(true);
    expect(addStudioConfigVar(root, "rotate_logs")).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(
      "# Copy to airplane.dev.yaml.\nconfigVars:\n  aws_region: us-east-1\n" +
        "  aws_role_arn_rotate_logs: arn:aws:iam::123456789012:role/airplane-rotate_logs\n",
    );
  });

  it("does nothing in a repository without the example file", () => {
    expect(addStudioConfigVar(mkdtempSync(join(tmpdir(), "studio-example-")), "x")).toBe(false);
  });
});
