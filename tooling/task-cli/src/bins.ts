import { join } from "node:path";

/** The executable of one task run (what `npm run task` runs), for tools that run a task as a user would. */
export const TASK_RUNNER_BIN = join(__dirname, "..", "bin", "airplane-task.cjs");
