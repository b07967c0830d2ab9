import type { ParameterConfig, TaskConfig } from "./taskDefinition";

/** GitHub's limit on a `workflow_dispatch`'s inputs. */
export const MAX_WORKFLOW_INPUTS = 25;

/** What separates the values of a `multi` parameter in its one string input: a comma. */
export const MULTI_SEPARATOR = ",";

/** A `workflow_dispatch` input, as the workflow file writes it. */
export interface WorkflowInput {
  description?: string;
  type: "string" | "boolean" | "number" | "choice";
  required: boolean;
  default?: string | number | boolean;
  options?: string[];
}

/** One parameter of a task as its workflow carries it: the input, and the variable the run step reads it from. */
export interface TaskInput {
  parameter: string;
  input: WorkflowInput;
  /** Each separated value becomes one `--<parameter>` flag. */
  multi: boolean;
  /** The step's environment variable holding the input's value: inputs never reach the script inline. */
  envVar: string;
}

// Every Airplane type a GitHub input can carry; upload and configvar are Airplane's own to provide.
const INPUT_TYPES: Record<string, "string" | "boolean" | "number"> = {
  shorttext: "string",
  longtext: "string",
  sql: "string",
  date: "string",
  datetime: "string",
  json: "string",
  boolean: "boolean",
  integer: "number",
  float: "number",
};

// What a date picker or a JSON editor shows on Airplane, a GitHub text box must say.
const FORMAT_HINTS: Record<string, string> = {
  date: "An ISO 8601 date, e.g. 2026-01-31.",
  datetime: "An ISO 8601 date and time, e.g. 2026-01-31T09:00:00Z.",
  json: "JSON.",
};

// A name both a GitHub input and a shell variable can take.
const PARAMETER_SLUG = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Raised for a task a GitHub workflow cannot run as it is: the message names the task, its parameters and the fix. */
export class TaskWorkflowError extends Error {
  override name = "TaskWorkflowError";
}

/**
 * The `workflow_dispatch` inputs of a task, typed from its parameters: text, dates and JSON as
 * strings, booleans, integers and floats as numbers, options as a choice, and a `multi` parameter
 * as one string of separated values. Throws `TaskWorkflowError` with every problem of the task.
 */
export function taskInputs(config: TaskConfig): TaskInput[] {
  const parameters = Object.entries(config.parameters ?? {});
  const problems: string[] = [];
  const inputs: TaskInput[] = [];
  for (const [slug, parameter] of parameters) {
    const input = workflowInput(slug, parameter);
    if (typeof input === "string") problems.push(`parameter ${slug} ${input}`);
    else
      inputs.push({ parameter: slug, input, multi: parameter.multi === true, envVar: `PARAM_${slug.toUpperCase()}` });
  }
  if (parameters.length > MAX_WORKFLOW_INPUTS) {
    const over = parameters.slice(MAX_WORKFLOW_INPUTS).map(([slug]) => slug);
    problems.push(
      `it has ${parameters.length} parameters and a GitHub workflow_dispatch takes at most ${MAX_WORKFLOW_INPUTS} ` +
        `inputs: ${over.join(", ")} do not fit. Combine some into a json parameter, or split the task.`,
    );
  }
  if (problems.length > 0) {
    throw new TaskWorkflowError(`Task ${config.slug} cannot run as a GitHub workflow: ${problems.join("; ")}.`);
  }
  return inputs;
}

/** The input, or what stops the parameter from being one. */
function workflowInput(slug: string, parameter: ParameterConfig): WorkflowInput | string {
  if (!PARAMETER_SLUG.test(slug)) return "needs a name of letters, digits and _ to be a workflow input";
  const type = INPUT_TYPES[parameter.type];
  if (!type) {
    return (
      `is of type ${parameter.type}, which only Airplane provides: a workflow input is text, a boolean, a number ` +
      `or a choice. Give the task a parameter of one of those types instead`
    );
  }
  if (parameter.options !== undefined && !Array.isArray(parameter.options)) {
    return `takes its options from task ${parameter.options.slug}'s output, which only Airplane runs: list them instead`;
  }
  const options = parameter.options?.map((option) => String(optionValue(option)));
  const multi = parameter.multi === true;
  const hints = [
    FORMAT_HINTS[parameter.type],
    parameter.regex ? `Must match ${parameter.regex}.` : undefined,
    multi && options ? `One or more of: ${options.join(", ")}.` : undefined,
    multi ? "Several values: separate them with commas." : undefined,
  ];
  const description = [parameter.name, parameter.description].filter(Boolean).join(": ");
  const shown = [description, ...hints].filter(Boolean).join(" ");
  // A choice offers one value; several of them travel as text.
  const inputType = multi ? "string" : options ? "choice" : type;
  const defaultValue = inputDefault(parameter.default, inputType);
  return {
    ...(shown ? { description: shown } : {}),
    type: inputType,
    required: parameter.required !== false,
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    ...(options && !multi ? { options } : {}),
  };
}

function inputDefault(value: unknown, type: WorkflowInput["type"]): WorkflowInput["default"] {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join(`${MULTI_SEPARATOR} `);
  if (type === "boolean" && typeof value === "boolean") return value;
  if (type === "number" && typeof value === "number") return value;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function optionValue(option: unknown): unknown {
  return typeof option === "object" && option !== null && "value" in option ? option.value : option;
}
