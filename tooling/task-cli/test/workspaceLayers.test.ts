import { runCaptured } from "@repo/cli-test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkLayersCommand } from "../src/checkLayersCommand";
import { layerViolations } from "../src/workspaceLayers";

let root: string;

function write(path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A repository of one workspace per layer, each importing only what its layer may. */
function repository() {
  root = mkdtempSync(join(tmpdir(), "layers-"));
  write("package.json", JSON.stringify({ workspaces: ["packages/*", "tasks/*", "tooling/*", "testing/*"] }));
  const workspace = (dir: string, name: string, dependencies: Record<string, string> = {}) =>
    write(`${dir}/package.json`, JSON.stringify({ name, dependencies }));
  workspace("packages/lib", "@repo/lib");
  workspace("tasks/a_task", "@tasks/a_task", { "@repo/lib": "*" });
  workspace("tooling/cmd", "@repo/cmd", { "@repo/lib": "*" });
  workspace("testing/kit", "@repo/kit", { "@repo/cmd": "*" });
  write("packages/lib/src/index.ts", 'import { x } from "node:fs";\nexport const lib = x;\n');
  write("tasks/a_task/a_task.airplane.ts", 'import { lib } from "@repo/lib";\nexport default lib;\n');
  write("tooling/cmd/src/index.ts", 'export * from "@repo/lib";\n');
  write("tooling/cmd/bin/cmd.cjs", 'require("../src/index.ts");\n');
  write("testing/kit/src/index.ts", 'export { lib } from "@repo/lib";\nimport "@repo/cmd";\n');
  // Tests may import anything.
  write("packages/lib/test/lib.test.ts", 'import "@repo/kit";\nimport "@repo/cmd/src/index";\n');
  write("tasks/a_task/a_task.test.ts", 'import "@repo/kit";\n');
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("layers", () => {
  it("pass when every import outside the tests runs down or across", () => {
    repository();
    expect(layerViolations(root)).toEqual([]);
    expect(runCaptured((io) => checkLayersCommand([], io, root))).toMatchObject({ code: 0 });
  });

  it.each([
    ["packages/lib/src/up.ts", 'import { cmd } from "@repo/cmd";', "@repo/cmd"],
    ["packages/lib/src/up.ts", 'const kit = require("@repo/kit/src/index");', "@repo/kit"],
    ["tasks/a_task/src/helper.ts", 'export * from "@repo/cmd";', "@repo/cmd"],
    ["tooling/cmd/src/leak.ts", 'import { kit } from "@repo/kit";', "@repo/kit"],
    ["tooling/cmd/src/leak.ts", 'import "@tasks/a_task";', "@tasks/a_task"],
  ])("fail on %s: %s", (file, line, imported) => {
    repository();
    write(file, `${line}\n`);
    expect(layerViolations(root)).toEqual([expect.objectContaining({ file, imported })]);
    const result = runCaptured((io) => checkLayersCommand([], io, root));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file} imports ${imported}`);
  });

  it.each(["node_modules/up/index.js", "dist/up.js", ".work/up.js"])(
    "leave out what is not the repository's code: packages/lib/%s",
    (file) => {
      repository();
      write(`packages/lib/${file}`, 'require("@repo/cmd");\n');
      expect(layerViolations(root)).toEqual([]);
    },
  );

  it("fail on a runtime dependency up a layer, not on a devDependency", () => {
    repository();
    write(
      "packages/lib/package.json",
      JSON.stringify({ name: "@repo/lib", dependencies: { "@repo/cmd": "*" }, devDependencies: { "@repo/kit": "*" } }),
    );
    expect(layerViolations(root)).toEqual([
      expect.objectContaining({ file: "packages/lib/package.json (dependencies)", imported: "@repo/cmd" }),
    ]);
  });
});
