import { runNode } from "@repo/cli-kit";
import { join } from "node:path";
import type { BuilderToolchain } from "./builderToolchain";
import type { Finding } from "./finding";

const LOAD_SCRIPT = join(__dirname, "..", "scripts", "load-task.cjs");

const LOAD_RULE =
  "the builder's discovery step loads every bundle with the image's Node (inlineParser.cjs in the task-build " +
  "stage, pkg/build/node/node.go NodeBundle), and each run require()s it again through the universal shim " +
  "(pkg/build/node/universal-node-shim.js)";

export interface LoadedTask {
  exportName: string;
  type: string;
  slug: string;
  envVars: Record<string, string | { value: string } | { config: string }>;
  /** Each parameter: whether a run must give it (Airplane's default: required) and its default. */
  parameters: Record<string, { required: boolean; default?: unknown }>;
}

/** Loads a task's bundle on the deploy Node, in a process of its own; the task folder names the slug it must have. */
export async function loadBundle(
  toolchain: BuilderToolchain,
  taskFile: string,
  bundle: string,
  expectedSlug: string,
): Promise<{ task?: LoadedTask; findings: Finding[] }> {
  const { exitCode, stdout, stderr } = await runNode([LOAD_SCRIPT, bundle], { node: toolchain.node, env: {} });
  if (exitCode !== 0) {
    const error = stderr.split("\n").find((line) => /Error|error/.test(line)) ?? stderr.trim();
    return {
      findings: [
        {
          file: taskFile,
          rule: LOAD_RULE,
          problem: `its bundle does not load on Node ${toolchain.version} (the deploy Node): ${error.trim()}`,
          fix:
            `Make it load on Node ${toolchain.version}: the error names the module at fault; a dependency left ` +
            "external must be CommonJS (or on the builder's ESM list) and use nothing newer than Node " +
            `${toolchain.version} offers.`,
        },
      ],
    };
  }
  const tasks = JSON.parse(stdout) as LoadedTask[];
  const [task] = tasks;
  if (tasks.length !== 1 || !task || task.slug !== expectedSlug) {
    return {
      findings: [
        {
          file: taskFile,
          rule: "discovery deploys one task per export that carries __airplane, named by its config's slug (pkg/deploy/discover/parser/node/parser.ts)",
          problem: `exports ${tasks.length === 0 ? "no task" : tasks.map((t) => `"${t.slug}"`).join(", ")}, not the one task "${expectedSlug}" its folder names.`,
          fix: `Export one airplane.task with slug "${expectedSlug}" (or rename the folder to the slug).`,
        },
      ],
    };
  }
  return { task, findings: [] };
}
