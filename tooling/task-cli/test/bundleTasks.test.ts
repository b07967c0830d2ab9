import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleTasks, externalDependencies, isAirplaneTask } from "../src/index";

let root: string;

function write(path: string, content: string | object): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), typeof content === "string" ? content : JSON.stringify(content));
}

/** A miniature of this repository: a shared workspace package and a task that uses it. */
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "bundle-fixture-"));
  write("package.json", { private: true, workspaces: ["packages/*", "tasks/*"], devDependencies: { turbo: "*" } });
  write("packages/greeting/package.json", {
    name: "@fixture/greeting",
    main: "./src/index.ts",
    dependencies: { jose: "*" },
  });
  write(
    "packages/greeting/src/index.ts",
    'export const greet = (name: string): string => `hello ${name}`;\nexport const jwtLibrary = () => import("jose");\n',
  );
  write("tasks/greet/package.json", {
    name: "@fixture/greet",
    airplane: { root: "../.." },
    dependencies: { "@fixture/greeting": "*", airplane: "*" },
  });
  write(
    "tasks/greet/greet.airplane.ts",
    'import airplane from "airplane";\nimport { greet, jwtLibrary } from "@fixture/greeting";\n' +
      'export default airplane.task({ slug: "greet", parameters: { name: "shorttext" } }, async (p) =>\n' +
      '  p.name === "jwt" ? typeof (await jwtLibrary()).decodeJwt : greet(p.name));\n',
  );
  mkdirSync(join(root, "node_modules", "@fixture"), { recursive: true });
  symlinkSync(join(root, "packages/greeting"), join(root, "node_modules/@fixture/greeting"));
  symlinkSync(dirname(require.resolve("airplane/package.json")), join(root, "node_modules/airplane"));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("externalDependencies", () => {
  it("lists every dependency of every workspace and the root, but not the workspace packages", () => {
    expect(externalDependencies(root)).toEqual(["airplane", "jose", "turbo"]);
  });
});

describe("bundleTasks", () => {
  it("bundles a task like airplane deploy: workspace code inside, dependencies required at run time", async () => {
    const [result] = await bundleTasks(join(root, "tasks/greet"), { root });

    expect(result?.outfile).toBe(join(root, "tasks/greet/dist/greet.js"));
    const code = readFileSync(result?.outfile ?? "", "utf8");
    expect(code).toContain("hello ${name}");
    expect(code).toMatch(/require\("airplane"\)/);
    expect(code).toMatch(/import\("jose"\)/);
    expect(code).not.toContain("@fixture/greeting");
    expect(readdirSync(join(root, "tasks/greet/dist")).filter((file) => file.includes(".airplane."))).toEqual([]);
  });

  it("produces a bundle Airplane's runtime can call through __airplane", async () => {
    const [result] = await bundleTasks(join(root, "tasks/greet"), { root, minify: true });
    // oxlint-disable-next-line typescript/no-require-imports -- the bundle is CommonJS, as on Airplane
    const exported = (require(result?.outfile ?? "") as { default: unknown }).default;
    if (!isAirplaneTask(exported)) throw new Error("The bundle exports no Airplane task.");
    const task = exported.__airplane;

    expect(task.config.slug).toBe("greet");
    await expect(Promise.resolve(task.baseFunc({ name: "airplane" }))).resolves.toBe("hello airplane");
  });
});
