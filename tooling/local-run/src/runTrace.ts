import { taskEnvironment } from "@repo/oidc-issuers";
import type { RequestLogEntry } from "@repo/local-stack";
import type { TaskRun } from "./runTaskOnStack";

/**
 * The platforms that issue a run's ID token, by their name in the request log, with the operation
 * that is the token fetch. The rest of their requests is STS reading their OIDC documents: none of
 * them is an AWS call of the run.
 */
const TOKEN_ISSUERS: Partial<Record<RequestLogEntry["service"], { name: string; tokenFetch: string }>> = {
  airplane: { name: "Airplane", tokenFetch: "GenerateIdToken" },
  github: { name: "GitHub", tokenFetch: "GetIdToken" },
};

const ASSUMING = new Set(["AssumeRoleWithWebIdentity", "AssumeRole"]);

function isTokenFetch(entry: RequestLogEntry): boolean {
  return TOKEN_ISSUERS[entry.service]?.tokenFetch === entry.operation;
}

/** The AWS requests a run made with its roles: everything but the token issuers' and the role assumptions. */
function awsCalls(requests: RequestLogEntry[]): RequestLogEntry[] {
  return requests.filter((entry) => !TOKEN_ISSUERS[entry.service] && !ASSUMING.has(entry.operation));
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

/** One line of the trace: its label, then its value in a column of its own. */
export function traceLine(label: string, value: string): string {
  return `  ${label.padEnd(34)} ${value}`;
}

/**
 * What `npm start` and `npm run task -- --local` print about a run on a fresh stand-in, from its
 * request log: the ID token's subject and who issued it (Airplane, or GitHub for a job), the role
 * STS let it assume, the session, and the AWS calls signed with it. A step the run never reached
 * (a task that failed before asking for a token) is left out.
 */
export function runTrace(requests: RequestLogEntry[], run: TaskRun): string[] {
  const token = requests.find(isTokenFetch);
  const sts = requests.find((entry) => entry.operation === "AssumeRoleWithWebIdentity");
  const aws = awsCalls(requests);
  const chained = requests.filter((entry) => entry.operation === "AssumeRole");
  const issuer = token && TOKEN_ISSUERS[token.service]?.name;
  return [
    ...(token ? [traceLine(`1. ${issuer} issued an ID token`, `sub ${token.sub ?? "?"}`)] : []),
    ...(sts
      ? [
          traceLine(
            `2. STS ${sts.status === 200 ? "assumed" : "refused"} the task's role`,
            run.env.AWS_ROLE_ARN ?? "?",
          ),
          traceLine("   with session name", sts.roleSessionName ?? "?"),
        ]
      : []),
    ...(chained.length > 0
      ? [
          traceLine(
            "   then chained into",
            `${counted(chained.length, "member role", "member roles")} (sts:AssumeRole)`,
          ),
        ]
      : []),
    ...(aws.length > 0 ? [traceLine("3. AWS calls, signed with it", operations(aws))] : []),
  ];
}

/** `Done in 1.3 s: 1 token fetch, 1 STS call, 2 AWS requests.`, and the AssumeRoles of a run that chains. */
export function runCost(requests: RequestLogEntry[], startedAt: number): string {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const count = (service: string, operation: string) =>
    requests.filter((entry) => entry.service === service && entry.operation === operation).length;
  const chained = count("sts", "AssumeRole");
  return (
    `Done in ${seconds} s: ${counted(requests.filter(isTokenFetch).length, "token fetch", "token fetches")}, ` +
    `${counted(count("sts", "AssumeRoleWithWebIdentity"), "STS call", "STS calls")}, ` +
    (chained > 0 ? `${counted(chained, "AssumeRole", "AssumeRoles")} into member accounts, ` : "") +
    `${counted(awsCalls(requests).length, "AWS request", "AWS requests")}.`
  );
}

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Which job the run played: its workflow and environment, and the run GitHub's variables name. */
export function githubJob(slug: string, env: Record<string, string>): string[] {
  return [
    traceLine("GitHub Actions job", `${env.GITHUB_WORKFLOW ?? "?"} of ${env.GITHUB_REPOSITORY ?? "?"}`),
    traceLine(
      "   in environment",
      `${taskEnvironment(slug)} (run ${env.GITHUB_RUN_ID ?? "?"}, attempt ${env.GITHUB_RUN_ATTEMPT ?? "?"}, ` +
        `by ${env.GITHUB_ACTOR ?? "?"})`,
    ),
  ];
}
