import type { LocalStack, RequestLogEntry } from "@repo/local-stack";
import type { TaskRun } from "./runTaskOnStack";

const ASSUMING = new Set(["AssumeRoleWithWebIdentity", "AssumeRole"]);

/** The AWS requests a run made with its roles: everything but the token and the role assumptions. */
function awsCalls(requests: RequestLogEntry[]): RequestLogEntry[] {
  return requests.filter((entry) => entry.service !== "airplane" && !ASSUMING.has(entry.operation));
}

/** `s3:ListBuckets, s3:GetBucketTagging x4`: each operation once, in the order first called. */
function operations(requests: RequestLogEntry[]): string {
  const counts = new Map<string, number>();
  for (const entry of requests) {
    const name = `${entry.service}:${entry.operation}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => (count === 1 ? name : `${name} x${count}`)).join(", ");
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
  const chained = stack.requests.filter((entry) => entry.operation === "AssumeRole");
  return [
    ...(token ? [`  1. Airplane issued an ID token      sub ${token.sub ?? "?"}`] : []),
    ...(sts
      ? [
          `  2. STS ${sts.status === 200 ? "assumed the task's role     " : "refused the task's role     "} ${run.env.AWS_ROLE_ARN}`,
          `     with session name               ${sts.roleSessionName ?? "?"}`,
        ]
      : []),
    ...(chained.length > 0
      ? [
          `     then chained into               ${counted(chained.length, "member role", "member roles")} (sts:AssumeRole)`,
        ]
      : []),
    ...(aws.length > 0 ? [`  3. AWS calls, signed with it        ${operations(aws)}`] : []),
  ];
}

/** `Done in 1.3 s: 1 token fetch, 1 STS call, 2 AWS requests.`, and the AssumeRoles of a run that chains. */
export function runCost(stack: LocalStack, startedAt: number): string {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const chained = stack.count("sts", "AssumeRole");
  return (
    `Done in ${seconds} s: ${counted(stack.count("airplane", "GenerateIdToken"), "token fetch", "token fetches")}, ` +
    `${counted(stack.count("sts", "AssumeRoleWithWebIdentity"), "STS call", "STS calls")}, ` +
    (chained > 0 ? `${counted(chained, "AssumeRole", "AssumeRoles")} into member accounts, ` : "") +
    `${counted(awsCalls(stack.requests).length, "AWS request", "AWS requests")}.`
  );
}

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
