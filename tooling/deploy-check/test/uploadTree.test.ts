import { describe, expect, it } from "vitest";
import { uploadedFiles } from "../src/uploadTree";
import { fixtureRepo } from "./fixtureRepo";

describe("the upload", () => {
  it("leaves out the CLI's defaults and what .airplaneignore lists, at any depth", () => {
    const root = fixtureRepo({
      ".airplaneignore": "dist/\ntooling/\n",
      "package.json": {},
      ".env.local": "SECRET=1",
      "node_modules/x/index.js": "",
      "tasks/one/one.airplane.ts": "",
      "tasks/one/dist/one.js": "",
      "tooling/cli/index.ts": "",
      ".airplane/discover/one.js": "",
    });
    expect(uploadedFiles(root)).toEqual([".airplaneignore", "package.json", "tasks/one/one.airplane.ts"]);
  });
});
