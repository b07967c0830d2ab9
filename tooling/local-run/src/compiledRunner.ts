import { runTaskCommand } from "@repo/task-cli";

// `npm run task`'s runtime as compiledTaskRuns.ts compiles it: node run-task.cjs <tasks folder> <slug> [args].
void runTaskCommand(process.argv.slice(3), undefined, { tasksDir: process.argv[2] }).then(
  (code) => (process.exitCode = code),
);
