import { type CommandIO, parseCommandArgs, processIO, runCommand } from "@repo/cli-kit";
import { startLocalStack } from "@repo/local-stack";
import { DEMO_BUCKET, repoStackConfig } from "./repoStackConfig";
import { formatTags } from "./formatTags";
import { runTaskOnStack } from "./runTaskOnStack";
import { runCost, runTrace } from "./runTrace";
import { serveUntilStopped } from "./serve";

const USAGE = `Usage: npm start [-- --keep]

Runs add_s3_bucket_tag on the local stand-in for Airplane and AWS (127.0.0.1, set up from
infra/terraform) through npm run task, and prints the token, the role, the session and the tags.
  --keep  then keep the stand-in running, with the lines to use it by hand (Ctrl-C stops it)
`;

const TASK = "add_s3_bucket_tag";
const ARGS = ["--bucket", DEMO_BUCKET.name, "--key", "owner", "--value", "data-platform"];

interface TagChangeOutput {
  summary: string;
  tags_before: Array<{ key: string; value: string }>;
  tags_after: Array<{ key: string; value: string }>;
  written_with: string | null;
}

/**
 * `npm start`: the whole flow with no AWS account and no network. Starts the stand-in set up from
 * infra/terraform, runs add_s3_bucket_tag through `npm run task` with only the environment
 * pointing at it, and prints what happened: the token, the role, the session, the tags.
 */
export function demo(args: string[], io: CommandIO = processIO): Promise<number> {
  return runCommand(io, { usage: USAGE }, () =>
    runDemo(parseCommandArgs(args, { keep: { type: "boolean" } }).values, io),
  );
}

async function runDemo({ keep }: { keep?: boolean }, io: CommandIO): Promise<number> {
  const print = (line: string) => io.stdout.write(`${line}\n`);
  const started = performance.now();
  const config = repoStackConfig();
  const stack = await startLocalStack({ config });
  try {
    print(
      "Local stand-in for Airplane and AWS (STS, S3, S3 Control, IAM, Organizations) started on 127.0.0.1: nothing leaves this machine.",
    );
    print(`$ npm run task -- --local ${TASK} ${ARGS.join(" ")}`);
    const run = await runTaskOnStack(stack, TASK, ARGS);
    if (run.exitCode !== 0) {
      print(run.stderr.trim());
      return 1;
    }
    const output = run.output as TagChangeOutput;
    for (const line of runTrace(stack.requests, run)) print(line);
    print(`  tags before: ${formatTags(output.tags_before)}`);
    print(`  tags after:  ${formatTags(output.tags_after)}`);
    print(`  ${output.summary}`);
    print(`${runCost(stack.requests, started)} Any task runs the same way: npm run task -- --help lists them.`);
    if (keep) await serveUntilStopped(stack, config.buckets, print);
    return 0;
  } finally {
    await stack.stop();
  }
}
