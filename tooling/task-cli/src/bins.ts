import { join } from "node:path";

/** The executable behind `npm run task`, for tools that run a task as a user would. */
export const TASK_RUNNER_BIN = join(__dirname, "..", "bin", "airplane-task.cjs");
