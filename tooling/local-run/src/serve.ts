import { type CommandIO, parseCommandArgs, processIO, runCommand, shellQuote } from "@repo/cli-kit";
import { errorText } from "@repo/error-text";
import { roleName } from "@repo/iam-terraform";
import { type BucketConfig, type LocalStack, startLocalStack } from "@repo/local-stack";
import { discoverTasks, findRepoRoot } from "@repo/task-cli";
import { join } from "node:path";
import { formatTags } from "./formatTags";
import { repoStackConfig, terraformDir } from "./repoStackConfig";
import { watchRoles } from "./watchRoles";

const slugOf = (role: string) => role.replace(/^airplane-/, "");

const PER_RUN = ["AIRPLANE_TOKEN", "AIRPLANE_RUN_ID", "AWS_ROLE_ARN"];

const USAGE = `Usage: npm run local-stack

Starts the local stand-in for Airplane and AWS (Airplane's token API, STS, S3, S3 Control and IAM
on 127.0.0.1, set up from infra/terraform), prints how to run each task against it by hand, and
keeps it running until Ctrl-C.
`;

/** `npm run local-stack`: the stand-in, kept running until Ctrl-C, with the lines to use it by hand. */
export function serve(args: string[], io: CommandIO = processIO): Promise<number> {
  return runCommand(io, { usage: USAGE }, async () => {
    parseCommandArgs(args, {});
    const config = repoStackConfig();
    const stack = await startLocalStack({ config });
    try {
      await serveUntilStopped(stack, config.buckets, (line) => io.stdout.write(`${line}\n`));
      return 0;
    } finally {
      await stack.stop();
    }
  });
}

/** Prints how to run each task against the stack by hand, then waits for Ctrl-C (or SIGTERM). */
export async function serveUntilStopped(
  stack: LocalStack,
  buckets: BucketConfig[],
  print: (line: string) => void,
): Promise<void> {
  const slugs = discoverTasks(join(findRepoRoot(), "tasks")).map((task) => task.slug);
  const runOf = (slug: string) => stack.runEnv({ taskSlug: slug, roleName: roleName(slug) });
  const runs = new Map(slugs.map((slug) => [slug, runOf(slug)]));
  const runLine = (slug: string, env: Record<string, string>) =>
    `${PER_RUN.map((key) => `${key}=${shellQuote(env[key] ?? "")}`).join(" ")} npm run task -- ${slug} --help`;
  // What every run shares goes in one export; what differs per run (its token and ID) and per
  // task (its role) goes in front of each command. `npm run task` sets the AIRPLANE_TASK_*
  // variables itself, as Airplane's runtime does.
  const shared = Object.entries([...runs.values()][0] ?? {}).filter(
    ([key]) => !PER_RUN.includes(key) && !key.startsWith("AIRPLANE_TASK_"),
  );

  print("");
  print("The local stand-in is running. Its buckets:");
  for (const bucket of buckets) print(`  ${bucket.name} (${bucket.region}): ${formatTags(bucket.tags ?? {})}`);
  print("");
  print("Paste this into another shell in this repository:");
  print("");
  for (const [key, value] of shared) print(`export ${key}=${shellQuote(value)}`);
  print("");
  print("Then run any task as a new Airplane run of it (each run has its own token; each task its own role):");
  print("");
  for (const [slug, env] of runs) print(runLine(slug, env));
  print("");
  print("Replace --help with the task's parameters. A task added while this runs (npm run new-task) gets its");
  print("role and its line here. Ctrl-C stops the stand-in.");
  const stopWatching = watchRoles(
    stack,
    terraformDir(),
    () => repoStackConfig().roles,
    ({ added, removed, error }) => {
      if (error)
        print(`infra/terraform changed but cannot be loaded, so the roles stay as they were: ${errorText(error)}`);
      for (const slug of added.map(slugOf)) print(`\nNew task ${slug}, with its role:\n${runLine(slug, runOf(slug))}`);
      for (const slug of removed.map(slugOf)) print(`\nThe role of ${slug} is gone from infra/terraform.`);
    },
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  stopWatching();
}
