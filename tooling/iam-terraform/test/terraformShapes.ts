/** The parts of the generated `*.tf.json` files the tests read, typed for the checks. */

export interface ConditionBlock {
  "//"?: string;
  test: string;
  variable: string;
  values: string[];
}

export interface StatementBlock {
  "//"?: string;
  sid: string;
  effect: string;
  actions: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: ConditionBlock[];
}

export interface TerraformFile {
  "//": string;
  terraform?: {
    required_version: string;
    required_providers: Record<string, { source: string; version: string }>;
  };
  provider?: Record<string, { "//"?: string; region: string }>;
  variable?: Record<
    string,
    { type: string; default: unknown; description: string; validation?: { condition: string; error_message: string }[] }
  >;
  data?: { aws_iam_policy_document: Record<string, { statement: StatementBlock[] }> };
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { description: string; value: unknown }>;
}

/** A generated file set, parsed, by file name. */
export function parseFiles(files: readonly { name: string; text: string }[]): Record<string, TerraformFile> {
  return Object.fromEntries(files.map((file) => [file.name, JSON.parse(file.text) as TerraformFile]));
}

/** A block without its `//` comment, to compare what Terraform reads. */
export function withoutComment<T extends { "//"?: unknown }>(block: T): Omit<T, "//"> {
  const { "//": _comment, ...rest } = block;
  return rest;
}
