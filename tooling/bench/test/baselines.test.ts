import { describe, expect, it } from "vitest";
import { baselineFile, deployedBundle } from "../src/workDir";

// npm run bench is never part of npm test (it takes ten minutes), so this is what catches a
// baseline it can no longer find or build: a moved folder once failed it eight minutes in.
describe("the guide's snippets the bench runs", () => {
  it.each(["guideTagBuckets", "guideAddS3BucketTag"])("%s bundles as deploy bundles it", async (name) => {
    const bundle = await deployedBundle(baselineFile(name), `test_${name}`);
    expect(bundle.bytes).toBeGreaterThan(0);
    expect(bundle.inputs.some((input) => input.endsWith(`baseline/${name}.ts`))).toBe(true);
  });
});
