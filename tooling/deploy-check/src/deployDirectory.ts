import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const WORKFLOW = ".github/workflows/deploy.yml";

interface Workflow {
  jobs?: Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
}

/**
 * The directory the deploy workflow deploys: the airplanedev/airplane-deploy action's
 * `task-directory` input, by default the checkout's root. Relative to the repository root.
 */
export function deployDirectory(root: string): string {
  const file = join(root, WORKFLOW);
  if (!existsSync(file)) return ".";
  const workflow = parse(readFileSync(file, "utf8")) as Workflow | null;
  const steps = Object.values(workflow?.jobs ?? {}).flatMap((job) => job.steps ?? []);
  const deploy = steps.find((step) => step.uses?.startsWith("airplanedev/airplane-deploy@"));
  const directory = deploy?.with?.["task-directory"];
  return typeof directory === "string" && directory !== "" ? directory : ".";
}
