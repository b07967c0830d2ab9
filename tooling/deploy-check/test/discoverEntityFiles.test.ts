import { findRepoRoot } from "@repo/task-cli";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverEntityFiles, strayEntityFiles, taskFoldersWithoutTaskFile } from "../src/discoverEntityFiles";
import { fixtureRepo } from "./fixtureRepo";

const TASK = 'export default { __airplane: { config: { slug: "one" } } };\n';

describe("discovery, as airplane deploy walks the deploy directory", () => {
  const root = fixtureRepo({
    "tasks/one/one.airplane.ts": TASK,
    "tasks/one/dist/one.airplane.js": TASK,
    "tooling/task-cli/test/fixtures/echo_params.airplane.js": TASK,
    "tooling/task-cli/test/fixtures/echo_params.fixture.js": TASK,
    "node_modules/some-lib/example.airplane.js": TASK,
    ".airplane/discover/tasks/one/one.airplane.js": TASK,
    "infra/deploy.task.yaml": "slug: deploy\n",
  });

  it("takes every task file outside node_modules, .git and .airplane, dist/ included", () => {
    expect(discoverEntityFiles(root, root)).toEqual([
      "infra/deploy.task.yaml",
      "tasks/one/dist/one.airplane.js",
      "tasks/one/one.airplane.ts",
      "tooling/task-cli/test/fixtures/echo_params.airplane.js",
    ]);
  });

  it("fails a stray *.airplane.js, naming the file and the discovery rule", () => {
    const findings = strayEntityFiles(discoverEntityFiles(root, root));
    const fixture = findings.find(
      (finding) => finding.file === "tooling/task-cli/test/fixtures/echo_params.airplane.js",
    );
    expect(fixture?.problem).toMatch(
      /From the repository root, `airplane dev` would discover echo_params\.airplane\.js and register it, and `airplane deploy` deploy it/,
    );
    expect(fixture?.rule).toMatch(/skipping only node_modules.*not dist\/.*pkg\/deploy\/discover\/discover\.go/);
    expect(findings.map((finding) => finding.file)).toEqual([
      "infra/deploy.task.yaml",
      "tasks/one/dist/one.airplane.js",
      "tooling/task-cli/test/fixtures/echo_params.airplane.js",
    ]);
  });

  it("deploys nothing of a task folder outside the deploy directory, and says so", () => {
    const onlyTooling = discoverEntityFiles(root, `${root}/tooling`);
    expect(taskFoldersWithoutTaskFile(root, onlyTooling).map((finding) => finding.file)).toEqual(["tasks/one"]);
    expect(taskFoldersWithoutTaskFile(root, discoverEntityFiles(root, `${root}/tasks`))).toEqual([]);
  });
});

describe("discovery in this repository", () => {
  it("finds from the root exactly the task files of tasks/, as airplane dev and airplane deploy there would", () => {
    const root = findRepoRoot(__dirname);
    const taskFiles = readdirSync(join(root, "tasks")).map((slug) => `tasks/${slug}/${slug}.airplane.ts`);
    const found = discoverEntityFiles(root, root);
    expect(found).toEqual(taskFiles.sort());
    expect(strayEntityFiles(found)).toEqual([]);
  });
});
