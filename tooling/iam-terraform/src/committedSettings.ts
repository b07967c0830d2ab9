import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type GeneratorSettings, settingsProblems } from "./generatorSettings";
import { VARIABLES_FILE } from "./generateTerraform";
import { settingsFromDefaults } from "./terraformVariables";

/** A generated folder whose settings cannot be read back; the message says how to regenerate it. */
export class CommittedSettingsError extends Error {
  override readonly name = "CommittedSettingsError";
}

/**
 * The settings the committed files were generated with, read from the defaults of their
 * variables.tf.json, so `--check`, `--update` and the local stand-in need no arguments.
 */
export function readCommittedSettings(dir: string, generateCommand: string): GeneratorSettings {
  const file = join(dir, VARIABLES_FILE);
  if (!existsSync(file)) {
    throw new CommittedSettingsError(
      `There is no ${file} to read the settings from. Generate it first: ${generateCommand}`,
    );
  }
  let variables: unknown;
  try {
    variables = (JSON.parse(readFileSync(file, "utf8")) as { variable?: unknown }).variable;
  } catch (error) {
    throw new CommittedSettingsError(`${file} is not valid JSON. Regenerate it: ${generateCommand}`, { cause: error });
  }
  const defaults = Object.fromEntries(
    Object.entries(typeof variables === "object" && variables !== null ? variables : {}).map(([name, block]) => [
      name,
      (block as { default?: unknown }).default,
    ]),
  );
  const settings = settingsFromDefaults(defaults);
  const problems = settingsProblems(settings);
  if (problems.length > 0) {
    throw new CommittedSettingsError(
      `The defaults of ${file} are not settings npm run iam can regenerate from: ${problems.join(" ")} ` +
        `Regenerate it: ${generateCommand}`,
    );
  }
  return settings;
}
