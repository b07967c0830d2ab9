import { createTask, recordInLockfile } from "./newTask";
import { UsageError } from "./parseTaskArgs";
import { findRepoRoot } from "./workspace";

/** `npm run new-task -- <slug> [--no-install]`. */
export function newTaskCommand(args: string[], root = findRepoRoot()): number {
  const slug = args.find((arg) => !arg.startsWith("--"));
  if (!slug) {
    process.stderr.write(
      "Usage: npm run new-task -- <task_slug>   (for example: npm run new-task -- rotate_access_logs)\n",
    );
    return 1;
  }
  try {
    const files = createTask(root, slug);
    process.stdout.write(`Created tasks/${slug}/:\n${files.map((file) => `  ${file}`).join("\n")}\n`);
    if (!args.includes("--no-install") && !recordInLockfile(root)) {
      process.stderr.write("Could not update package-lock.json: run `npm install` before committing.\n");
    }
    process.stdout.write(
      `\nNext:\n  npm run task -- ${slug} --help\n  npm test\n` +
        `Then write the task in tasks/${slug}/${slug}.airplane.ts and list the AWS actions it calls in ` +
        `tasks/${slug}/aws-permissions.json.\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}
