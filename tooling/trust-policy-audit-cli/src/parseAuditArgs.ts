import { parseCommandArgs, UsageError } from "@repo/cli-kit";
import type { AuditOptionName, AuditOptions } from "@repo/trust-policy-audit";

export interface AuditCommandArgs {
  files: string[];
  options: AuditOptions;
  json: boolean;
}

export const USAGE = `Usage: audit-trust-policy [options] <file.json>...

Audits the trust policies of IAM roles that tasks assume through OpenID Connect, from Airplane
(api.airplane.dev) or GitHub Actions (token.actions.githubusercontent.com). Each file is a trust
policy, a role as "aws iam get-role" prints it, or the output of "aws iam list-roles" (every role
that trusts either is audited).

Options (say which tasks the role is meant for, to catch a mismatch):
  --team-id <id>     the Airplane team (Team settings), for example tea20010101aaaaaaaaaa
  --env <slug>       the Airplane environment, for example prod; repeat or comma-separate for several
                     (prod,studio for a task also run under airplane dev); * for any
  --task <slug>      the task slug (on GitHub, its environment task-<slug>); * for every task
  --github <owner>/<repo>
                     the GitHub repository whose jobs may assume the role
  --github-owner-id <id>, --github-repository-id <id>
                     its numeric IDs, when its tokens carry the immutable subject
                     (gh api repos/<owner>/<repo> --jq '.owner.id, .id'): a subject by name is then flagged
  --subject <sub>    a full subject instead, team:<id>:env:<slug>:task:<slug> or
                     repo:<owner>/<repo>:environment:<name> (repeatable)
  --audience <aud>   the audience the tasks ask for (default sts.amazonaws.com)
  --json             print the findings as JSON
  -h, --help         print this help

Exit status: 0 when no finding is critical or high, 1 when one is, 2 when a file cannot be
read as a policy or the options are wrong.
`;

/** The flag that sets each option, to name it in messages about the option. */
export const OPTION_FLAGS: Record<AuditOptionName, string> = {
  teamId: "--team-id",
  envSlug: "--env",
  taskSlug: "--task",
  expectedSubject: "--subject",
  githubRepository: "--github",
  githubOwnerId: "--github-owner-id",
  githubRepositoryId: "--github-repository-id",
  audience: "--audience",
};

export function parseAuditArgs(args: string[]): AuditCommandArgs {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      "team-id": { type: "string", multiple: true },
      env: { type: "string", multiple: true },
      task: { type: "string", multiple: true },
      subject: { type: "string", multiple: true },
      github: { type: "string" },
      "github-owner-id": { type: "string" },
      "github-repository-id": { type: "string" },
      audience: { type: "string" },
      json: { type: "boolean" },
    },
    { positionals: true },
  );
  const list = (given: string[] | undefined) =>
    given?.flatMap((value) => value.split(",")).map((value) => value.trim());
  const options: AuditOptions = {
    ...definedOption("teamId", list(values["team-id"])),
    ...definedOption("envSlug", list(values.env)),
    ...definedOption("taskSlug", list(values.task)),
    ...definedOption("expectedSubject", values.subject),
    ...definedOption("githubRepository", values.github),
    ...definedOption("githubOwnerId", values["github-owner-id"]),
    ...definedOption("githubRepositoryId", values["github-repository-id"]),
    ...definedOption("audience", values.audience),
  };
  if (positionals.length === 0) throw new UsageError("Name at least one policy file to audit.");
  return { files: positionals, options, json: values.json === true };
}

function definedOption<K extends keyof AuditOptions>(
  key: K,
  value: AuditOptions[K] | undefined,
): Partial<AuditOptions> {
  return value === undefined ? {} : { [key]: value };
}
