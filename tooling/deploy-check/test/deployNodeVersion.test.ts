import { describe, expect, it } from "vitest";
import { deployNodeVersion } from "../src/deployNodeVersion";
import { fixtureRepo } from "./fixtureRepo";

const picked = (engines: string | undefined, airplaneYaml?: string) =>
  deployNodeVersion(
    fixtureRepo({
      "package.json": engines ? { engines: { node: engines } } : {},
      ...(airplaneYaml ? { "airplane.yaml": airplaneYaml } : {}),
    }),
  );

describe("the Node version the builder picks (javascript.go Version)", () => {
  it("ignores an engines range that matches none of 18, 16, 15, 14, 12, and falls back to 18", () => {
    expect(picked(">=20.19")).toEqual({
      version: "18",
      reason: `engines.node ">=20.19" matches none of the builder's versions, so the builder's default`,
    });
  });

  it("takes airplane.yaml's javascript.nodeVersion when engines matches none", () => {
    expect(picked(">=24", 'javascript:\n  nodeVersion: "16"\n')).toMatchObject({ version: "16" });
  });

  it("lets a matching engines range win over airplane.yaml, highest version first", () => {
    expect(picked("^16.0.0", 'javascript:\n  nodeVersion: "18"\n')).toMatchObject({ version: "16" });
    expect(picked(">=14")).toMatchObject({ version: "18" });
  });

  it("refuses a nodeVersion the builder's schema does not accept", () => {
    expect(picked(undefined, "javascript:\n  nodeVersion: 20\n")).toMatchObject({
      file: "airplane.yaml",
      problem: expect.stringMatching(/nodeVersion 20 is not one the builder accepts/) as unknown,
    });
  });
});
