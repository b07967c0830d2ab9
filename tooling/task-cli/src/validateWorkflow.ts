import type * as WorkflowParserModule from "@actions/workflow-parser";
import { tsImport } from "tsx/esm/api";
import { MAX_WORKFLOW_INPUTS } from "./workflowInputs";

type WorkflowParser = typeof WorkflowParserModule;

let parser: Promise<WorkflowParser> | undefined;

/**
 * GitHub's own workflow parser (`@actions/workflow-parser`, from actions/languageservices). It is
 * ESM importing its schema as JSON without `with { type: "json" }`, which Node refuses
 * (actions/languageservices#387): tsx's loader, which this package's commands run under, accepts it.
 */
function workflowParser(): Promise<WorkflowParser> {
  parser ??= tsImport("@actions/workflow-parser", __filename) as Promise<WorkflowParser>;
  return parser;
}

/**
 * What GitHub would refuse in a workflow file, one message a problem (none when it is valid):
 * its parser checks the file against GitHub's workflow schema (keys, types, `permissions` values,
 * expressions, each `workflow_dispatch` input's type, default and options). The parser does not
 * count inputs, so the limit of 25 is checked here.
 */
export async function workflowProblems(name: string, text: string): Promise<string[]> {
  const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await workflowParser();
  const parsed = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
  const problems: string[] = [];
  if (parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    const inputs = Object.keys(template.events?.workflow_dispatch?.inputs ?? {});
    if (inputs.length > MAX_WORKFLOW_INPUTS) {
      problems.push(
        `${name}: workflow_dispatch has ${inputs.length} inputs; GitHub takes at most ${MAX_WORKFLOW_INPUTS}.`,
      );
    }
  }
  return [...new Set(parsed.context.errors.getErrors().map((error) => error.message)), ...problems];
}
