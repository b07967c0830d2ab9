import { taskEnvironment } from "@repo/oidc-issuers";
import { type CommandIO, parseCommandArgs, processIO, runCommand, UsageError } from "@repo/cli-kit";
import { updateRoles } from "./iamUpdate";
import { createTasks, recordInLockfile } from "./newTask";
import { addStudioConfigVar, STUDIO_EXAMPLE } from "./studioExample";
import { taskWorkflowName } from "./taskWorkflow";
import { WORKFLOWS_DIR, writeTaskWorkflows } from "./taskWorkflows";
import { findRepoRoot } from "./workspace";

const USAGE =
  "Usage: npm run new-task -- <task_slug>... [--no-install]   (for example: npm run new-task -- rotate_access_logs)\n";

/**
 * `npm run new-task -- <slug>... [--no-install]`: writes tasks/<slug>/ for each slug, gives each
 * its IAM role in infra/terraform (generated with the team and env already committed there) and its
 * GitHub workflow in .github/workflows, and records the new workspaces in package-lock.json, so
 * `npm test` and CI pass without another step.
 */
export function newTaskCommand(args: string[], io: CommandIO = processIO, root = findRepoRoot()): Promise<number> {
  return runCommand(io, { usage: USAGE }, async () => {
    const { values, positionals: slugs } = parseCommandArgs(
      args,
      { "no-install": { type: "boolean" } },
      { positionals: true },
    );
    if (slugs.length === 0) throw new UsageError("Name the task to create.");
    const created = await createTasks(root, slugs);
    for (const [slug, files] of created) {
      io.stdout.write(`Created tasks/${slug}/:\n${files.map((file) => `  ${file}`).join("\n")}\n\n`);
    }
    if (!updateRoles(root, io)) return 1;
    for (const slug of slugs) {
      io.stdout.write(`Added its role, airplane-${slug}, to infra/terraform/task-${slug}.tf.json.\n`);
      if (addStudioConfigVar(root, slug)) {
        io.stdout.write(`Listed its config var, aws_role_arn_${slug}, in ${STUDIO_EXAMPLE} (for airplane dev).\n`);
      }
    }
    await writeTaskWorkflows(root);
    for (const slug of slugs) {
      io.stdout.write(
        `Added its GitHub workflow, ${WORKFLOWS_DIR}/${taskWorkflowName(slug)} (environment ${taskEnvironment(slug)}).\n`,
      );
    }
    if (!values["no-install"] && !recordInLockfile(root)) {
      io.stderr.write("Could not update package-lock.json: run `npm install` before committing.\n");
    }
    io.stdout.write(nextSteps(slugs));
    return 0;
  });
}

/** What to run next, exactly as typed: each command works on the tasks as generated. */
export function nextSteps(slugs: readonly string[]): string {
  const first = slugs[0] ?? "";
  return [
    "",
    "Next, from the repository root:",
    ...slugs.map((slug) => `  npm run task -- --local ${slug}`),
    // With the repository's own checks (--filter=//: lint, format, layers, workflows), which a
    // workspace filter alone leaves out and CI does not.
    `  npm test -- ${slugs.map((slug) => `--filter=@tasks/${slug}`).join(" ")} --filter=//`,
    `Then write the task in tasks/${first}/${first}.airplane.ts, list the AWS actions it calls in`,
    `tasks/${first}/aws-permissions.json, and update its role: npm run iam -- --update`,
    "",
  ].join("\n");
}
