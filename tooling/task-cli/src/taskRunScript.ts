import { MULTI_SEPARATOR, type TaskInput } from "./workflowInputs";

/**
 * The bash script of a task's run step: `npm run task -- <slug> --<param>=<value>...`, the runner
 * a laptop uses. Each value is read from the step's environment and quoted, never written into
 * the script by `${{ }}` (that would run a crafted value as code); `--name=value` keeps a value
 * that starts with `--` a value. An empty input passes no flag, so the task's default applies; a
 * multi-value input gives one flag per separated value, spaces around each dropped.
 */
export function taskRunScript(slug: string, inputs: readonly TaskInput[]): string {
  if (inputs.length === 0) return `npm run task -- ${slug}\n`;
  const lines = ["args=()", 'flag() { if [[ -n "$2" ]]; then args+=("--$1=$2"); fi; }'];
  if (inputs.some((input) => input.multi)) {
    lines.push(
      "flags() {",
      "  local values value",
      `  mapfile -td '${MULTI_SEPARATOR}' values < <(printf '%s' "$2")`,
      '  for value in "${values[@]}"; do',
      '    value="${value#"${value%%[![:space:]]*}"}"',
      '    value="${value%"${value##*[![:space:]]}"}"',
      '    flag "$1" "$value"',
      "  done",
      "}",
    );
  }
  for (const { parameter, multi, envVar } of inputs)
    lines.push(`${multi ? "flags" : "flag"} ${parameter} "$${envVar}"`);
  lines.push(`npm run task -- ${slug} "\${args[@]}"`);
  return `${lines.join("\n")}\n`;
}
