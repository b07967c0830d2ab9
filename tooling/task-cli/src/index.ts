export { discoverTasks, findTask, findTaskFiles, loadTasks, requireTask, taskFile } from "./discoverTasks";
export { parseTaskArgs } from "./parseTaskArgs";
export {
  runnerVariables,
  runTaskCommand,
  taskFailureText,
  type LocalRunner,
  type RunTaskSettings,
} from "./runTaskCommand";
export { AirplaneOutput, captureAirplaneOutput } from "./airplaneOutput";
export { taskParams, type TaskRunRequest } from "./taskRunRequest";
export { bundleEntry, bundleTasks, externalDependencies, type BundleResult } from "./bundleTask";
export { findRepoRoot, workspacePackages, readPackageJson } from "./workspace";
export {
  isAirplaneTask,
  needsValue,
  type DiscoveredTask,
  type TaskConfig,
  type ParameterConfig,
} from "./taskDefinition";
export { TASK_RUNTIME_BIN } from "./bins";
export {
  displayedOutput,
  formatDisplayedOutput,
  type DisplayedOutput,
  type OutputDisplayConfig,
} from "./outputDisplay";
export { taskWorkflowName, WORKFLOW_MARKER } from "./taskWorkflow";
export { generateTaskWorkflows, taskWorkflowsFolder, WORKFLOWS_DIR, writeTaskWorkflows } from "./taskWorkflows";
export { workflowProblems } from "./validateWorkflow";
export { TaskWorkflowError } from "./workflowInputs";
export { appendJobSummary } from "./appendJobSummary";
export { JOB_SUMMARY_LIMIT_BYTES, jobSummary, type TaskRunReport } from "./jobSummary";
export { markdownText } from "./markdownText";
