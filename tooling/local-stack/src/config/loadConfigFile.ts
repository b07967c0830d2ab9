import { readFile } from "node:fs/promises";
import { ConfigError } from "./configError";
import type { LocalStackConfig } from "./stackConfig";
import { validateConfig } from "./validateConfig";

/**
 * Reads a configuration from a JSON file and checks it (the same checks `startLocalStack` makes),
 * so a mistake is reported with the file's name and the setting at fault.
 */
export async function loadConfigFile(path: string): Promise<LocalStackConfig> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new ConfigError("", `cannot read it as JSON: ${(error as Error).message}`, path);
  }
  try {
    validateConfig(parsed);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.path, error.problem, path);
    throw error;
  }
  return parsed as LocalStackConfig;
}
