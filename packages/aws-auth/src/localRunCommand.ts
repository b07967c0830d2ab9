import { isLevelValue, PLACEHOLDERS } from "@repo/oidc-issuers";
import { taskRun } from "./run";

/**
 * The command that runs this task on the local stand-in, for the messages that point someone on
 * their own machine at it: with the run's slug when `npm run task` set it, and with the `--`,
 * without which npm takes `--local` for itself.
 */
export function localRunCommand(env: NodeJS.ProcessEnv = process.env): string {
  const slug = taskRun(env).task;
  // Only a slug goes into the line as it is: it is then safe to paste into a shell.
  const task = slug && isLevelValue("task", slug) ? slug : PLACEHOLDERS.task;
  return `\`npm run task -- --local ${task}\` (with the --, or npm takes --local for itself)`;
}
