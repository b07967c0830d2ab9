import { startLocalStack } from "@repo/local-stack";
import { DEMO_BUCKET, repoStackConfig } from "./repoStackConfig";
import { formatTags } from "./formatTags";
import { runTaskOnStack } from "./runTaskOnStack";
import { serveUntilStopped } from "./serve";

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
export async function demo(
  args: string[],
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const started = performance.now();
  const config = repoStackConfig();
  const stack = await startLocalStack({ config });
  try {
    print(
      "Local stand-in for Airplane and AWS (STS, S3, S3 Control, IAM) started on 127.0.0.1: nothing leaves this machine.",
    );
    print(`$ npm run task -- ${TASK} ${ARGS.join(" ")}`);
    const run = await runTaskOnStack(stack, TASK, ARGS);
    if (run.exitCode !== 0) {
      print(run.stderr.trim());
      return 1;
    }
    const output = run.output as TagChangeOutput;
    const token = stack.requests.find((entry) => entry.service === "airplane" && entry.operation === "GenerateIdToken");
    const sts = stack.requests.find((entry) => entry.operation === "AssumeRoleWithWebIdentity");
    const aws = stack.requests.filter((entry) => entry.service !== "airplane" && entry.service !== "sts");
    print(`  1. Airplane issued an ID token      sub ${token?.sub ?? "?"}`);
    print(`  2. STS assumed the task's role      ${run.env.AWS_ROLE_ARN}`);
    print(`     with session name               ${sts?.roleSessionName ?? "?"}`);
    print(
      `  3. AWS calls, signed with it        ${aws.map((entry) => `${entry.service}:${entry.operation}`).join(", ")}`,
    );
    print(`  tags before: ${formatTags(output.tags_before)}`);
    print(`  tags after:  ${formatTags(output.tags_after)}`);
    print(`  ${output.summary}`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    print(
      `Done in ${seconds} s: ${stack.count("airplane", "GenerateIdToken")} token fetch, ` +
        `${stack.count("sts", "AssumeRoleWithWebIdentity")} STS call, ${aws.length} AWS requests. ` +
        "Keep the stand-in running to try any task by hand: npm run local-stack",
    );
    if (args.includes("--keep")) await serveUntilStopped(stack, config.buckets, print);
    return 0;
  } finally {
    await stack.stop();
  }
}
