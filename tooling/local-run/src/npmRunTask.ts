import { type CommandIO, processIO } from "@repo/cli-kit";
import { runTaskCommand } from "@repo/task-cli";
import type { BucketConfig, LocalStackConfig } from "@repo/local-stack";
import { repoStackConfig } from "./repoStackConfig";
import { runLocally } from "./runLocally";

/**
 * `npm run task`: task-cli's runner, whose `--local` runs go to the local stand-in, configured by
 * `stackConfig` (the repository's committed settings; tests give `testStackConfig`).
 */
export function npmRunTask(
  args: string[],
  io: CommandIO = processIO,
  stackConfig: (seed?: BucketConfig[]) => LocalStackConfig = repoStackConfig,
): Promise<number> {
  return runTaskCommand(args, io, { local: (request, localIO) => runLocally(request, localIO, stackConfig) });
}
