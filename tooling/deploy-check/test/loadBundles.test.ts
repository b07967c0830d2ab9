import { describe, expect, it } from "vitest";
import { builderToolchain } from "../src/builderToolchain";
import { defaultCacheDir } from "../src/deployCheck";
import { loadBundle } from "../src/loadBundles";
import { fixtureRepo } from "./fixtureRepo";

// The builder's Node 18 comes from the npm registry the first time (about 30 s), then from npx's cache.
const toolchain = builderToolchain(defaultCacheDir(), "18");

const TASK_USING = (dependency: string) =>
  `const dep = require("${dependency}");\n` +
  'module.exports.default = { __airplane: { type: "task", config: { slug: "bulk" }, baseFunc: async () => dep } };\n';

describe("loading each bundle on the deploy Node", () => {
  const root = fixtureRepo({
    "node_modules/esm-only/package.json": { name: "esm-only", type: "module", exports: "./index.js" },
    "node_modules/esm-only/index.js": "export default 1;\n",
    "node_modules/common/package.json": { name: "common", main: "index.js" },
    "node_modules/common/index.js": "module.exports = 1;\n",
    ".airplane/tasks/bulk/esm.airplane.js": TASK_USING("esm-only"),
    ".airplane/tasks/bulk/cjs.airplane.js": TASK_USING("common"),
  });

  it("fails a task that does not load on Node 18, naming the file, the rule and the error", async () => {
    const { findings, task } = await loadBundle(
      toolchain,
      "tasks/bulk/bulk.airplane.ts",
      `${root}/.airplane/tasks/bulk/esm.airplane.js`,
      "bulk",
    );
    expect(task).toBeUndefined();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      file: "tasks/bulk/bulk.airplane.ts",
      problem: expect.stringMatching(/does not load on Node 18 \(the deploy Node\): .*ERR_REQUIRE_ESM/) as unknown,
      rule: expect.stringMatching(/universal-node-shim\.js/) as unknown,
    });
  }, 120_000);

  it("returns the task a loading bundle exports, and fails one whose slug is not its folder's", async () => {
    const bundle = `${root}/.airplane/tasks/bulk/cjs.airplane.js`;
    expect(await loadBundle(toolchain, "tasks/bulk/bulk.airplane.ts", bundle, "bulk")).toEqual({
      task: { exportName: "default", type: "task", slug: "bulk", envVars: {}, parameters: {} },
      findings: [],
    });
    const { findings } = await loadBundle(toolchain, "tasks/other/other.airplane.ts", bundle, "other");
    expect(findings[0]?.problem).toBe('exports "bulk", not the one task "other" its folder names.');
  }, 120_000);
});
