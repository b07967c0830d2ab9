import type { LocalStack, RequestLogEntry } from "@repo/local-stack";
import type { TaskRun } from "./runTaskOnStack";

/** The AWS requests a run made with its role: everything but the token and the role assumption. */
function awsCalls(requests: RequestLogEntry[]): RequestLogEntry[] {
  return requests.filter((entry) => entry.service !== "airplane" && entry.operation !== "AssumeRoleWithWebIdentity");
}

/**
 * What `npm start` and `npm run task -- --local` print about a run on a fresh stand-in: the ID
 * token's subject, the role STS let it assume, the session, and the AWS calls signed with it.
 * A step the run never reached (a task that failed before asking for a token) is left out.
 */
export function runTrace(stack: LocalStack, run: TaskRun): string[] {
  const token = stack.requests.find((entry) => entry.service === "airplane" && entry.operation === "GenerateIdToken");
  const sts = stack.requests.find((entry) => entry.operation === "AssumeRoleWithWebIdentity");
  const aws = awsCalls(stack.requests);
  return [
    ...(token ? [`  1. Airplane issued an ID token      sub ${token.sub ?? "?"}`] : []),
    ...(sts
      ? [
          `  2. STS ${sts.status === 200 ? "assumed the task's role     " : "refused the task's role     "} ${run.env.AWS_ROLE_ARN}`,
          `     with session name               ${sts.roleSessionName ?? "?"}`,
        ]
      : []),
    ...(aws.length > 0
      ? [
          `  3. AWS calls, signed with it        ${aws.map((entry) => `${entry.service}:${entry.operation}`).join(", ")}`,
        ]
      : []),
  ];
}

/** `Done in 1.3 s: 1 token fetch, 1 STS call, 2 AWS requests.` */
export function runCost(stack: LocalStack, startedAt: number): string {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  return (
    `Done in ${seconds} s: ${counted(stack.count("airplane", "GenerateIdToken"), "token fetch", "token fetches")}, ` +
    `${counted(stack.count("sts", "AssumeRoleWithWebIdentity"), "STS call", "STS calls")}, ` +
    `${counted(awsCalls(stack.requests).length, "AWS request", "AWS requests")}.`
  );
}

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
