import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Finding } from "./finding";
import type { LoadedTask } from "./loadBundles";

const EXAMPLE = "airplane.dev.example.yaml";

/**
 * The config vars the tasks' envVars read that airplane.dev.example.yaml does not list. Under
 * `airplane dev` every one must be in airplane.dev.yaml, or the run stops with "Config var ... not
 * defined in airplane.dev.yaml" (pkg/dev/envvars.go materializeEnvVars), so the example a forker
 * copies covers every task.
 */
export function missingStudioConfigVars(root: string, tasks: LoadedTask[]): Finding[] {
  const file = join(root, EXAMPLE);
  const listed = existsSync(file)
    ? Object.keys((parse(readFileSync(file, "utf8")) as { configVars?: object } | null)?.configVars ?? {})
    : [];
  return tasks.flatMap((task) =>
    Object.values(task.envVars)
      .flatMap((value) => (typeof value === "object" && "config" in value ? [value.config] : []))
      .filter((name) => !listed.includes(name))
      .map((name) => ({
        file: EXAMPLE,
        rule: "`airplane dev` takes config vars from airplane.dev.yaml only (pkg/dev/envvars.go materializeEnvVars)",
        problem: `lacks the config var ${name}, which ${task.slug} reads: copied as airplane.dev.yaml, its studio run stops.`,
        fix: `Add ${name} under configVars, with a placeholder value.`,
      })),
  );
}
