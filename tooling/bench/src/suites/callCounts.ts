import { roleName } from "@repo/iam-terraform";
import { testStackConfig } from "@repo/local-run";
import { startLocalStack } from "@repo/local-stack";
import { join } from "node:path";
import { runNode } from "../measure";
import { BENCHED_TASKS } from "../benchedTasks";

export interface CallCounts {
  tokenFetches: number;
  stsCalls: number;
  s3Calls: number;
}

export interface CallCountResult {
  clients: number;
  calls: number;
  ours: CallCounts;
  guide: CallCounts;
}

const TASK = BENCHED_TASKS.addTag;
const SCENARIO = join(__dirname, "..", "scenarios", "callsThroughClients.ts");

/** Token fetches and STS calls for one run making `calls` S3 calls through `clients` clients. */
export async function callCounts({ clients, calls }: { clients: number; calls: number }): Promise<CallCountResult> {
  const stack = await startLocalStack({ config: testStackConfig() });
  try {
    const count = async (way: "ours" | "guide"): Promise<CallCounts> => {
      stack.resetLog();
      const env = stack.runEnv({ taskSlug: TASK, roleName: roleName(TASK) });
      const args = [
        "--require",
        require.resolve("tsx/cjs"),
        SCENARIO,
        way,
        String(clients),
        String(calls),
        "demo-bucket",
      ];
      await runNode(args, { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });
      return {
        tokenFetches: stack.count("airplane", "GenerateIdToken"),
        stsCalls: stack.count("sts", "AssumeRoleWithWebIdentity"),
        s3Calls: stack.count("s3"),
      };
    };
    return { clients, calls, ours: await count("ours"), guide: await count("guide") };
  } finally {
    await stack.stop();
  }
}
