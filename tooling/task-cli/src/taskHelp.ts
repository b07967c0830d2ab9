import { type DiscoveredTask, needsValue, type ParameterConfig } from "./taskDefinition";

export const USAGE = `Usage: npm run task -- [--local [--github] [--state <file>]] [--json] <task_slug> [--<parameter> <value>]...
       npm run task -- <task_slug> --help     the task's parameters

  --local         run it on the local stand-in, started for this run in this process (no AWS, no
                  Airplane), and print its token, role, AWS calls, log and output
  --github        with --local: run it as its GitHub Actions job would (environment task-<slug>,
                  GitHub's ID token, its job summary printed at the end), not as an Airplane run
  --state <file>  with --local: keep the stand-in's buckets and tags in <file> between runs
  --json          print the task's output alone, as JSON, for a pipe
These options go before the slug: everything after it is the task's. Without --local the task
runs with this shell's environment (AWS_REGION, your AWS credentials, or a stand-in's variables).`;

export function tasksHelp(tasks: DiscoveredTask[]): string {
  return [USAGE, "", "Tasks:", ...tasks.map((task) => taskHelp(task, "  ")), ""].join("\n");
}

export function taskHelp(task: DiscoveredTask, indent = ""): string {
  const { config } = task;
  const title = `${indent}${task.slug}${config.name ? `  ${config.name}` : ""}`;
  const description = config.description ? [`${indent}  ${config.description.trim().split("\n").join(" ")}`] : [];
  const parameters = Object.entries(config.parameters ?? {}).map(
    ([slug, parameter]) => `${indent}    ${parameterUsage(slug, parameter).padEnd(30)} ${parameterNotes(parameter)}`,
  );
  return [title, ...description, ...parameters].join("\n");
}

function parameterUsage(slug: string, parameter: ParameterConfig): string {
  if (parameter.type === "boolean") return `--${slug} [true|false]`;
  const value = `<${parameter.type}>`;
  // A list is given by repeating the option, as in `--buckets a --buckets b`.
  return parameter.multi ? `--${slug} ${value} [--${slug} ${value}]...` : `--${slug} ${value}`;
}

function parameterNotes(parameter: ParameterConfig): string {
  const notes = [needsValue(parameter) ? "required" : "optional"];
  if (parameter.default !== undefined) notes.push(`default ${JSON.stringify(parameter.default)}`);
  return `(${notes.join(", ")}) ${parameter.description ?? parameter.name ?? ""}`.trimEnd();
}
