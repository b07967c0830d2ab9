import { describe, expect, it } from "vitest";
import { externalImportFindings, isEsmOnly, requiredPackages } from "../src/externalImports";
import { fixtureRepo } from "./fixtureRepo";

describe("run-time requires of a bundle", () => {
  it("lists the packages a CommonJS bundle requires, not Node's own modules", () => {
    const bundle =
      'var import_p_map = __toESM(require("p-map"));\nconst s3 = require("@aws-sdk/client-s3");\n' +
      'require("node:path"); require("fs"); require("@smithy/core/protocols"); require("./local");';
    expect(requiredPackages(bundle)).toEqual(["@aws-sdk/client-s3", "@smithy/core", "p-map"]);
  });

  it("tells ESM-only packages from those Node 18 can require()", () => {
    // p-map 7's manifest, p-limit 3's, and a dual package.
    expect(isEsmOnly({ type: "module", exports: { types: "./index.d.ts", default: "./index.js" } })).toBe(true);
    expect(isEsmOnly({ main: "index.js" })).toBe(false);
    expect(isEsmOnly({ type: "module", exports: { import: "./index.js", require: "./index.cjs" } })).toBe(false);
    expect(isEsmOnly({ main: "dist/index.mjs" })).toBe(true);
  });

  it("fails a task that imports an ESM-only package the builder leaves external, naming the file and the rule", () => {
    const root = fixtureRepo({
      "node_modules/p-map/package.json": { name: "p-map", type: "module", exports: "./index.js" },
      "node_modules/jose/package.json": { name: "jose", main: "dist/index.js" },
      ".airplane/tasks/bulk/bulk.airplane.js": 'const pMap = require("p-map"); const jose = require("jose");',
    });
    const bundle = `${root}/.airplane/tasks/bulk/bulk.airplane.js`;
    const findings = externalImportFindings("tasks/bulk/bulk.airplane.ts", bundle, ["jose", "p-map"]);
    expect(findings).toEqual([
      {
        file: "tasks/bulk/bulk.airplane.ts",
        rule: expect.stringMatching(/node_externals\.go esmModules.*ERR_REQUIRE_ESM/) as unknown,
        problem: "imports p-map, an ESM-only package the builder leaves external: the task fails with ERR_REQUIRE_ESM.",
        fix: expect.stringMatching(/one the builder bundles \(.*p-limit/) as unknown,
      },
    ]);
  });

  it("fails a task whose bundle requires a package the production install leaves out", () => {
    const root = fixtureRepo({
      ".airplane/tasks/t/t.airplane.js": 'require("aws-sdk-client-mock"); try { require("encoding"); } catch {}',
    });
    const bundle = `${root}/.airplane/tasks/t/t.airplane.js`;
    const findings = externalImportFindings("tasks/t/t.airplane.ts", bundle, ["aws-sdk-client-mock"]);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.problem).toBe(
      "its bundle requires aws-sdk-client-mock at run time, which the production install does not have.",
    );
    expect(finding?.rule).toMatch(/NODE_ENV=production/);
  });
});
