import { iamCommand, readCommittedSettings } from "@repo/iam-terraform";
import { findRepoRoot, UsageError } from "@repo/task-cli";
import { join } from "node:path";
import { createTask, recordInLockfile } from "./newTask";
import { addStudioConfigVar, STUDIO_EXAMPLE } from "./studioExample";

/**
 * `npm run new-task -- <slug> [--no-install]`: writes tasks/<slug>/, gives it its IAM role in
 * infra/terraform (generated with the team and env already committed there), and records the new
 * workspace in package-lock.json, so `npm test` and CI pass without another step.
 */
export async function newTaskCommand(args: string[], root = findRepoRoot()): Promise<number> {
  const slug = args.find((arg) => !arg.startsWith("--"));
  if (!slug) {
    process.stderr.write(
      "Usage: npm run new-task -- <task_slug>   (for example: npm run new-task -- rotate_access_logs)\n",
    );
    return 1;
  }
  try {
    const files = await createTask(root, slug);
    process.stdout.write(`Created tasks/${slug}/:\n${files.map((file) => `  ${file}`).join("\n")}\n\n`);
    const terraform = join(root, "infra", "terraform");
    const { teamId, envSlug, allowStudio } = readCommittedSettings(
      terraform,
      "npm run iam -- --team-id <id> --env <slug>",
    );
    const iamArgs = ["--team-id", teamId, "--env", envSlug, ...(allowStudio ? ["--allow-studio"] : [])];
    // Its own report would end with terraform commands, too soon for a task not written yet.
    const quiet = { stdout: { write: () => true }, stderr: process.stderr };
    if (iamCommand(iamArgs, quiet, { repoRoot: root }) !== 0) return 1;
    process.stdout.write(`Added its role, airplane-${slug}, to infra/terraform/task-${slug}.tf.json.\n`);
    if (addStudioConfigVar(root, slug)) {
      process.stdout.write(`Listed its config var, aws_role_arn_${slug}, in ${STUDIO_EXAMPLE} (for airplane dev).\n`);
    }
    if (!args.includes("--no-install") && !recordInLockfile(root)) {
      process.stderr.write("Could not update package-lock.json: run `npm install` before committing.\n");
    }
    process.stdout.write(
      `\nNext:\n  npm run task -- ${slug} --help\n  npm test\n` +
        `Then write the task in tasks/${slug}/${slug}.airplane.ts, list the AWS actions it calls in ` +
        `tasks/${slug}/aws-permissions.json, and run npm run iam again to update its role.\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}
