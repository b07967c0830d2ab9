import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CommandIO,
  compareGeneratedFiles,
  driftRows,
  type FileDrift,
  hasDrift,
  parseCommandArgs,
  processIO,
  runCommand,
} from "@repo/cli-kit";
import { discoverTasks } from "./discoverTasks";
import { generateTaskWorkflows, taskWorkflowsFolder, WORKFLOWS_DIR, writeTaskWorkflows } from "./taskWorkflows";
import { workflowProblems } from "./validateWorkflow";
import { findRepoRoot } from "./workspace";

const USAGE = `Usage:
  npm run workflows               Write ${WORKFLOWS_DIR}/task-<slug>.yml for every task, and remove those of removed tasks.
  npm run workflows -- --check    Write nothing; fail if one is out of date, missing or extra, or if GitHub's
                                  workflow parser refuses any file in ${WORKFLOWS_DIR} (npm test runs this).

Each task's workflow runs it by hand from the Actions tab (or gh workflow run task-<slug>.yml), with
inputs typed from its parameters, in the GitHub environment task-<slug>, through npm run task.
`;

/** `npm run workflows [-- --check]`: the tasks' GitHub workflows, written or checked. Returns the exit code. */
export function workflowsCommand(args: string[], io: CommandIO = processIO, root = findRepoRoot()): Promise<number> {
  return runCommand(io, { usage: USAGE }, async () => {
    const { values } = parseCommandArgs(args, { check: { type: "boolean" } });
    if (values.check) {
      const files = await generateTaskWorkflows(root, discoverTasks(join(root, "tasks")));
      return check(root, compareGeneratedFiles(taskWorkflowsFolder(root), files), io);
    }
    const changes = await writeTaskWorkflows(root);
    const rows = [...changes].map(([name, change]) => `  ${change.padEnd(9)} ${WORKFLOWS_DIR}/${name}`);
    io.stdout.write(
      `Task workflows:\n${rows.join("\n")}\n\n` +
        "Commit them. Each runs in the GitHub environment task-<slug>: give it the variables AWS_ROLE_ARN " +
        "(the task's role) and AWS_REGION.\n",
    );
    return 0;
  });
}

async function check(root: string, drift: FileDrift, io: CommandIO): Promise<number> {
  const refused = await committedWorkflowProblems(join(root, WORKFLOWS_DIR));
  if (!hasDrift(drift) && refused.length === 0) {
    io.stdout.write(`${WORKFLOWS_DIR} has every task's workflow, up to date, and GitHub's parser accepts each file.\n`);
    return 0;
  }
  if (hasDrift(drift)) {
    io.stderr.write(
      `${WORKFLOWS_DIR} does not match the tasks:\n${driftRows(drift).join("\n")}\n` +
        "Regenerate them and commit the result: npm run workflows\n",
    );
  }
  if (refused.length > 0) io.stderr.write(`GitHub would refuse:\n${refused.map((line) => `  ${line}`).join("\n")}\n`);
  return 1;
}

/** What GitHub's parser refuses in the committed workflows, the hand-written ones included. */
async function committedWorkflowProblems(dir: string): Promise<string[]> {
  const names = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  const problems = await Promise.all(
    names.map((name) => workflowProblems(name, readFileSync(join(dir, name), "utf8"))),
  );
  return problems.flat();
}
