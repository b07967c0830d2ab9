import { type CommandIO, processIO } from "@repo/cli-kit";
import { runTaskCommand } from "@repo/task-cli";
import { runLocally } from "./runLocally";

/** `npm run task`: task-cli's runner, whose `--local` runs go to the local stand-in. */
export function npmRunTask(args: string[], io: CommandIO = processIO): Promise<number> {
  return runTaskCommand(args, io, { local: runLocally });
}
