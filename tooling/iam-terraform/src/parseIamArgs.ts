import { UsageError } from "@repo/task-cli";
import { envSlugProblem, TEAM_ID_RULE, teamIdProblem } from "./airplaneNames";
import type { MemberRoleSettings } from "./generateMemberRoles";
import type { GeneratorSettings } from "./generateTerraform";

export type IamArgs =
  | { mode: "help" }
  | { mode: "generate"; settings: GeneratorSettings; out?: string }
  | { mode: "check"; out?: string }
  | { mode: "update"; out?: string }
  | { mode: "member"; settings: MemberRoleSettings; out?: string };

const VALUE_OPTIONS = ["--team-id", "--env", "--out", "--task-account", "--external-id"];
const FLAG_OPTIONS = ["--allow-studio", "--check", "--update", "--member-roles", "--help"];
const MEMBER_OPTIONS = ["--task-account", "--external-id"];

/**
 * `--team-id <id> --env <slug> [--allow-studio] [--out <dir>]`, or `--check`/`--update [--out <dir>]`.
 * Values may follow their option or be joined to it with `=`. Every problem is reported at once,
 * before anything is read or written.
 */
export function parseIamArgs(args: readonly string[]): IamArgs {
  const given = collectOptions(args);
  if (given.has("--help")) return { mode: "help" };
  const out = given.get("--out");
  const outOption = out !== undefined ? { out } : {};
  if (given.has("--member-roles")) return memberArgs(given, outOption);
  const misplaced = MEMBER_OPTIONS.filter((option) => given.has(option));
  if (misplaced.length > 0) throw new UsageError(`${misplaced.join(" and ")} go with --member-roles only.`);
  const committedMode = given.has("--check") ? "check" : given.has("--update") ? "update" : undefined;
  if (committedMode) {
    if (given.has("--check") && given.has("--update")) throw new UsageError("Give --check or --update, not both.");
    const extra = ["--team-id", "--env", "--allow-studio"].filter((option) => given.has(option));
    if (extra.length > 0) {
      throw new UsageError(
        `--${committedMode} takes no ${extra.join(" or ")}: it reads the team, the env and whether studio is ` +
          "allowed from the committed files, so that it needs no arguments. Give it at most --out.",
      );
    }
    return { mode: committedMode, ...outOption };
  }
  const teamId = given.get("--team-id");
  const envSlug = given.get("--env");
  const problems = [
    teamId === undefined
      ? `Missing --team-id: your Airplane team ID, from Team settings (${TEAM_ID_RULE}).`
      : prefixed("--team-id", teamIdProblem(teamId)),
    envSlug === undefined
      ? "Missing --env: the slug of the Airplane environment whose runs may assume the roles, for example prod."
      : prefixed("--env", envSlugProblem(envSlug)),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0 || teamId === undefined || envSlug === undefined) throw new UsageError(problems.join("\n"));
  return { mode: "generate", settings: { teamId, envSlug, allowStudio: given.has("--allow-studio") }, ...outOption };
}

// The member-account side is generated for another account, so it shares no option with the task account's.
function memberArgs(given: Map<string, string>, outOption: { out?: string }): IamArgs {
  const extra = ["--team-id", "--env", "--allow-studio", "--check", "--update"].filter((option) => given.has(option));
  if (extra.length > 0) {
    throw new UsageError(
      `--member-roles takes no ${extra.join(" or ")}: the member roles trust the task roles, not Airplane. ` +
        "Give --task-account <id> [--external-id <value>] [--out <dir>].",
    );
  }
  const taskAccountId = given.get("--task-account");
  if (taskAccountId === undefined) {
    throw new UsageError("Missing --task-account: the 12-digit ID of the AWS account the task roles live in.");
  }
  const externalId = given.get("--external-id");
  const settings = { taskAccountId, ...(externalId === undefined ? {} : { externalId }) };
  return { mode: "member", settings, ...outOption };
}

function collectOptions(args: readonly string[]): Map<string, string> {
  const given = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const [option = "", joined] = arg === "-h" ? ["--help"] : splitOnce(arg);
    if (!VALUE_OPTIONS.includes(option) && !FLAG_OPTIONS.includes(option)) {
      throw new UsageError(
        arg.startsWith("-")
          ? `Unknown option ${option}. Options: ${[...VALUE_OPTIONS, ...FLAG_OPTIONS].join(", ")}.`
          : `Unexpected argument "${arg}": options are given as --name value.`,
      );
    }
    if (given.has(option)) throw new UsageError(`${option} is given more than once.`);
    if (FLAG_OPTIONS.includes(option)) {
      if (joined !== undefined) throw new UsageError(`${option} takes no value.`);
      given.set(option, "");
      continue;
    }
    const value = joined ?? args[++i];
    if (value === undefined || value === "" || (joined === undefined && value.startsWith("--"))) {
      throw new UsageError(`${option} needs a value.`);
    }
    given.set(option, value);
  }
  return given;
}

function splitOnce(arg: string): [string, string | undefined] {
  const at = arg.indexOf("=");
  return at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

function prefixed(option: string, problem: string | undefined): string | undefined {
  return problem === undefined ? undefined : `${option}: ${problem}`;
}
