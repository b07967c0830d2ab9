import { existsSync } from "node:fs";
import { splitSubject, STUDIO_ENV_SLUG, SUBJECT_CONDITION_KEY } from "@repo/oidc-issuers";
import { envSlugProblem, teamIdProblem } from "./airplaneNames";
import type { GeneratorSettings } from "./generateTerraform";
import { blockList, readTerraformDir, type TerraformConfig, TerraformConfigError } from "./readTerraformDir";

/**
 * The settings the committed files were generated with, so `--check` needs no arguments: the team
 * and env from the defaults of `airplane_team_id` and `airplane_env_slug`, and `allowStudio` from
 * whether any trust policy admits an `env:studio` subject (Terraform has no place for a flag that
 * changes nothing at apply time, so the policies themselves are the record).
 */
export function readCommittedSettings(dir: string, generateCommand: string): GeneratorSettings {
  if (!existsSync(dir)) {
    throw new TerraformConfigError(`There is no ${dir} to check. Generate it first: ${generateCommand}`);
  }
  const config = readTerraformDir(dir);
  const defaultOf = (name: string) => {
    const value = config.variables.get(name)?.body.default;
    if (typeof value !== "string") {
      throw new TerraformConfigError(
        `${dir} has no generated variable ${name} with a default, so there is nothing to check against. ` +
          `Generate the files first: ${generateCommand}`,
      );
    }
    return value;
  };
  const teamId = defaultOf("airplane_team_id");
  const envSlug = defaultOf("airplane_env_slug");
  const problem = teamIdProblem(teamId) ?? envSlugProblem(envSlug);
  if (problem) throw new TerraformConfigError(`The committed variables are not valid: ${problem}`);
  return { teamId, envSlug, allowStudio: admitsStudio(config) };
}

function admitsStudio(config: TerraformConfig): boolean {
  return [...config.data.values()].some(({ body }) =>
    blockList(body.statement, "statement").some((statement) =>
      blockList(statement.condition, "condition").some(
        (condition) =>
          condition.variable === SUBJECT_CONDITION_KEY &&
          Array.isArray(condition.values) &&
          condition.values.some((value) => typeof value === "string" && splitSubject(value)?.env === STUDIO_ENV_SLUG),
      ),
    ),
  );
}
