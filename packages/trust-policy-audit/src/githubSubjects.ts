import { taskEnvironment } from "@repo/oidc-issuers";
import { filledPieces, nearbyValues, type SubjectParts, type SubjectScheme } from "./subjectScheme";

// GitHub's rules for logins and repository names; an immutable subject adds each one's numeric ID.
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}(@[0-9]+)?$/;
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}(@[0-9]+)?$/;
// What follows the repository in the default subjects: a job's environment, its branch or tag, or a pull request.
const CONTEXT = /^(environment:[^:*?]{1,255}|ref:refs\/[^*?\s]+|pull_request)$/;
const SUBJECT = /^repo:([^/:]+)\/([^/:]+):(.+)$/;

// Values no one would write: a pattern that admits them admits any environment, branch or task.
const UNRELATED_CONTEXTS = ["environment:zq-unrelated", "ref:refs/heads/zq-unrelated", "pull_request"];
const UNRELATED_TASK_ENVIRONMENT = `environment:${taskEnvironment("zq_unrelated_task")}`;

/**
 * GitHub Actions' `repo:<owner>/<repo>:<context>`, by name or with the numeric IDs
 * (`repo:acme@1234567/aws-tasks@987654321:environment:task-x`). Its levels: the owner and the
 * repository (each with its ID when immutable), and the context: `environment:<name>`,
 * `ref:refs/heads/<branch>` or `pull_request`. Case is GitHub's: names keep the case they were given.
 */
export const GITHUB_SUBJECTS: SubjectScheme = {
  levels: ["owner", "repository", "context"],
  template: "repo:<owner>/<repo>:environment:<environment> (immutable: repo:<owner>@<owner_id>/<repo>@<repo_id>:…)",
  placeholders: { owner: "<owner>", repository: "<repo>", context: "environment:task-<task_slug>" },
  format: ({ owner, repository, context }) => `repo:${owner}/${repository}:${context}`,
  parse,
  describeProblem: (value) =>
    value !== value.trim()
      ? "it has white space around it"
      : `it is not of the form repo:<owner>/<repo>:environment:<name> (or with the IDs, repo:<owner>@<id>/<repo>@<id>:…)`,
  isLevelValue,
  levelRule: (level) =>
    level === "owner"
      ? "an owner is a GitHub login, with @<id> in the immutable form"
      : level === "repository"
        ? "a repository is its name, with @<id> in the immutable form"
        : "a context is environment:<name>, ref:refs/heads/<branch> or pull_request",
  fallbacks: { owner: "octo-org", repository: "octo-repo", context: "environment:production" },
  pieces: (pattern, level) => {
    const [owner, afterOwner] = splitOnce(pattern.replace(/^repo:/, ""), "/");
    const [repository, context] = splitOnce(afterOwner, ":");
    if (level === "owner") return [owner, owner.replace(/@.*$/, "")];
    if (level === "repository") return [repository, repository.replace(/@.*$/, "")];
    const tail = pattern.split(":").at(-1) ?? "";
    return [context, ...filledPieces(tail).map((piece) => `environment:${piece}`)];
  },
  variants: (level, value) => {
    if (level !== "context") {
      // Another account or repository that took the name: the ID tells them apart.
      const otherId = /@[0-9]+$/.test(value) ? [value.replace(/@[0-9]+$/, "@1")] : [];
      return nearbyValues(GITHUB_SUBJECTS, level, value, otherId);
    }
    return nearbyValues(GITHUB_SUBJECTS, level, value, [...UNRELATED_CONTEXTS, UNRELATED_TASK_ENVIRONMENT]);
  },
  breadthCode: (level, admits) => {
    if (level === "owner") return "sub-spans-owners";
    if (level === "repository") return "sub-spans-repositories";
    if (UNRELATED_CONTEXTS.some(admits)) return "sub-spans-environments";
    return admits(UNRELATED_TASK_ENVIRONMENT) ? "sub-spans-tasks" : "sub-task-pattern";
  },
  notSubjectCode: "sub-not-github-subject",
  lowercase: false,
  pinnedLevels: (value) => {
    const parts = /^repo:([^/]*)\/([^:]*)(?::(.*))?$/.exec(value.trim());
    const pinned: Partial<SubjectParts> = {};
    const [, owner = "", repository = "", context = ""] = parts ?? [];
    if (isLevelValue("owner", owner)) pinned.owner = owner;
    if (isLevelValue("repository", repository)) pinned.repository = repository;
    if (isLevelValue("context", context)) pinned.context = context;
    return pinned;
  },
};

function parse(subject: string): SubjectParts | undefined {
  const [, owner = "", repository = "", context = ""] = SUBJECT.exec(subject) ?? [];
  const parts = { owner, repository, context };
  const valid = Object.entries(parts).every(([level, value]) => isLevelValue(level, value));
  // GitHub writes both IDs or neither.
  return valid && owner.includes("@") === repository.includes("@") ? parts : undefined;
}

function isLevelValue(level: string, value: string): boolean {
  return (level === "owner" ? OWNER : level === "repository" ? REPOSITORY : CONTEXT).test(value);
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ""] : [text.slice(0, at), text.slice(at + separator.length)];
}
