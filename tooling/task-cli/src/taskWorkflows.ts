import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { type FileChange, type GeneratedFile, type GeneratedFolder, writeGeneratedFiles } from "@repo/cli-kit";
import { discoverTasks } from "./discoverTasks";
import { pinnedAction, readPinnedActions } from "./pinnedActions";
import type { DiscoveredTask } from "./taskDefinition";
import { taskWorkflow, taskWorkflowName, WORKFLOW_MARKER, type WorkflowSources } from "./taskWorkflow";
import { workflowProblems } from "./validateWorkflow";
import { TaskWorkflowError } from "./workflowInputs";

/** Where GitHub reads workflows, relative to the repository root. */
export const WORKFLOWS_DIR = ".github/workflows";

/** The workflow whose action pins the task workflows take. */
export const CI_WORKFLOW = `${WORKFLOWS_DIR}/ci.yml`;

/** The generator owns the `task-*.yml` files that begin with its marker: any other workflow is never touched. */
export function taskWorkflowsFolder(root: string): GeneratedFolder {
  return {
    dir: join(root, WORKFLOWS_DIR),
    owns: (name, text) => /^task-.+\.yml$/.test(name) && text.startsWith(WORKFLOW_MARKER),
  };
}

/**
 * Every task's workflow, each checked by GitHub's parser. Every task's problems are reported at
 * once (a parameter GitHub cannot carry, too many parameters), before anything is written.
 */
export async function generateTaskWorkflows(root: string, tasks: readonly DiscoveredTask[]): Promise<GeneratedFile[]> {
  const pinned = readPinnedActions(readFileSync(join(root, CI_WORKFLOW), "utf8"));
  const actions = {
    checkout: pinnedAction(pinned, "actions/checkout", CI_WORKFLOW),
    setupNode: pinnedAction(pinned, "actions/setup-node", CI_WORKFLOW),
  };
  const problems: string[] = [];
  const files: GeneratedFile[] = [];
  for (const task of tasks) {
    const name = taskWorkflowName(task.slug);
    const sources: WorkflowSources = { ...actions, taskFile: relative(root, task.file).split(sep).join("/") };
    try {
      const text = await taskWorkflow(task.config, sources, join(root, WORKFLOWS_DIR, name));
      // A workflow GitHub would refuse is this generator's bug, not the task's: say so rather than write it.
      const refused = await workflowProblems(name, text);
      if (refused.length > 0) throw new Error(`The generated ${name} is not a valid workflow:\n${refused.join("\n")}`);
      files.push({ name, text });
    } catch (error) {
      if (!(error instanceof TaskWorkflowError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new TaskWorkflowError(problems.join("\n"));
  return files;
}

/** Writes every task's workflow (only those that changed) and removes those of removed tasks. */
export async function writeTaskWorkflows(root: string): Promise<Map<string, FileChange>> {
  const files = await generateTaskWorkflows(root, discoverTasks(join(root, "tasks")));
  return writeGeneratedFiles(taskWorkflowsFolder(root), files);
}
