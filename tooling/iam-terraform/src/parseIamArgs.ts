import { parseCommandArgs, UsageError } from "@repo/cli-kit";
import type { MemberRoleSettings } from "./generateMemberRoles";
import type { GeneratorSettings } from "./generatorSettings";
import { SETTINGS_OPTIONS, settingsFromOptions } from "./settingsOptions";

export type IamArgs =
  | { mode: "generate"; settings: GeneratorSettings; out?: string }
  | { mode: "check"; out?: string }
  | { mode: "update"; allowStudio: boolean; out?: string }
  | { mode: "member"; settings: MemberRoleSettings; out?: string };

const OPTIONS = {
  ...SETTINGS_OPTIONS,
  out: { type: "string" },
  "allow-studio": { type: "boolean" },
  check: { type: "boolean" },
  update: { type: "boolean" },
  "member-roles": { type: "boolean" },
  "task-account": { type: "string" },
  "external-id": { type: "string" },
} as const;

type Given = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>["values"];

const MEMBER_OPTIONS = ["task-account", "external-id"] as const;
const SETTINGS_FLAGS = [
  ...(Object.keys(SETTINGS_OPTIONS) as (keyof typeof SETTINGS_OPTIONS)[]),
  "allow-studio",
] as const;

/**
 * The settings (`--team-id`, `--env`, `--github`... and `--out`), or `--check`/`--update [--out <dir>]`,
 * or `--member-roles --task-account <id> [--external-id <value>] [--out <dir>]`. Every problem with
 * the settings is reported at once, before anything is read or written.
 */
export function parseIamArgs(args: readonly string[]): IamArgs {
  const { values: given } = parseCommandArgs(args, OPTIONS);
  const outOption = given.out !== undefined ? { out: given.out } : {};
  if (given["member-roles"]) return memberArgs(given, outOption);
  const misplaced = flagsGiven(given, MEMBER_OPTIONS);
  if (misplaced.length > 0) throw new UsageError(`${misplaced.join(" and ")} go with --member-roles only.`);
  const committedMode = given.check ? "check" : given.update ? "update" : undefined;
  if (committedMode) {
    if (given.check && given.update) throw new UsageError("Give --check or --update, not both.");
    // --update may add airplane dev's trust to the committed settings, the one change not worth
    // retyping every setting for (and risking leaving one out, which would stop trusting it).
    const kept = given.update ? SETTINGS_FLAGS.filter((flag) => flag !== "allow-studio") : SETTINGS_FLAGS;
    const extra = flagsGiven(given, kept);
    if (extra.length > 0) {
      throw new UsageError(
        `--${committedMode} takes no ${extra.join(" or ")}: it reads the settings from the committed ` +
          `variables.tf.json, so that it needs no arguments. Give it at most --out${given.update ? " and --allow-studio" : ""}.`,
      );
    }
    return committedMode === "update"
      ? { mode: "update", allowStudio: given["allow-studio"] === true, ...outOption }
      : { mode: "check", ...outOption };
  }
  return { mode: "generate", settings: settingsFromOptions(given, given["allow-studio"] === true), ...outOption };
}

// The member-account side is generated for another account, so it shares no option with the task account's.
function memberArgs(given: Given, outOption: { out?: string }): IamArgs {
  const extra = flagsGiven(given, [...SETTINGS_FLAGS, "check", "update"]);
  if (extra.length > 0) {
    throw new UsageError(
      `--member-roles takes no ${extra.join(" or ")}: the member roles trust the task roles, not an OIDC ` +
        "provider. Give --task-account <id> [--external-id <value>] [--out <dir>].",
    );
  }
  const { "task-account": taskAccountId, "external-id": externalId } = given;
  if (taskAccountId === undefined) {
    throw new UsageError("Missing --task-account: the 12-digit ID of the AWS account the task roles live in.");
  }
  const settings = { taskAccountId, ...(externalId === undefined ? {} : { externalId }) };
  return { mode: "member", settings, ...outOption };
}

function flagsGiven(given: Given, names: readonly (keyof Given)[]): string[] {
  return names.filter((name) => given[name] !== undefined).map((name) => `--${name}`);
}
