import { describe, expect, it } from "vitest";
import { yarnWorkspaces } from "../src/yarnWorkspaces";
import { fixtureRepo } from "./fixtureRepo";

const workspace = (manager: object) =>
  fixtureRepo({
    "package.json": { name: "root", private: true, workspaces: ["packages/*"], ...manager },
    "packages/lib/package.json": { name: "@repo/lib", version: "0.0.0" },
    "packages/app/package.json": { name: "@repo/app", version: "0.0.0", dependencies: { "@repo/lib": "*" } },
  });

// Each test starts yarn in a process of its own: seconds on a loaded machine.
describe("yarn workspaces info, as the builder lists the workspaces", { timeout: 60_000 }, () => {
  it("lists the members and which workspace packages they depend on", async () => {
    const root = workspace({ devEngines: { packageManager: { name: "npm", version: "^11.0.0" } } });
    expect(await yarnWorkspaces(process.execPath, root)).toEqual(
      expect.arrayContaining([
        {
          name: "@repo/app",
          location: "packages/app",
          workspaceDependencies: ["@repo/lib"],
          mismatchedWorkspaceDependencies: [],
        },
        { name: "@repo/lib", location: "packages/lib", workspaceDependencies: [], mismatchedWorkspaceDependencies: [] },
      ]),
    );
  });

  it("fails a packageManager field naming npm, which yarn 1.22.22 refuses, and says what to write instead", async () => {
    const finding = await yarnWorkspaces(process.execPath, workspace({ packageManager: "npm@11.19.1" }));
    expect(finding).toMatchObject({
      file: "package.json",
      problem: expect.stringMatching(/yarn workspaces info` fails.*"packageManager": "yarn@npm@11\.19\.1"/) as unknown,
      fix: expect.stringMatching(/devEngines/) as unknown,
    });
  });
});
