import { join } from "node:path";

/**
 * The executable of one task run with the environment it is given, as Airplane's runtime runs a
 * task (what `npm run task` does without --local), for tools that run a task as a user would.
 */
export const TASK_RUNTIME_BIN = join(__dirname, "..", "bin", "airplane-task-runtime.cjs");
