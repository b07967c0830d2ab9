import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { COMMENT, type JsonObject, type JsonValue } from "./terraformJson";

/** A folder of Terraform JSON this package cannot read; the message names the file and the block. */
export class TerraformConfigError extends Error {
  override readonly name = "TerraformConfigError";
}

/** One block's body and the file it is in, for messages. */
export interface TerraformBlock {
  file: string;
  body: JsonObject;
}

/**
 * The blocks of every `*.tf.json` file of a folder, merged as Terraform merges the files of a
 * module. Only what this package reads is kept: variables, resources and data sources, keyed
 * `name` and `type.name`. Outputs, locals and the terraform block are left out.
 */
export interface TerraformConfig {
  variables: Map<string, TerraformBlock>;
  resources: Map<string, TerraformBlock>;
  data: Map<string, TerraformBlock>;
}

const LABELS = { variable: 1, resource: 2, data: 2 } as const;

export function readTerraformDir(dir: string): TerraformConfig {
  if (!existsSync(dir)) throw new TerraformConfigError(`There is no folder ${dir}.`);
  const config: TerraformConfig = { variables: new Map(), resources: new Map(), data: new Map() };
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".tf.json"))
    .sort();
  for (const file of files) {
    const root = parseFile(join(dir, file), file);
    for (const [kind, labelCount] of Object.entries(LABELS) as [keyof typeof LABELS, number][]) {
      if (root[kind] === undefined) continue;
      const target = kind === "variable" ? config.variables : kind === "resource" ? config.resources : config.data;
      for (const [labels, body] of blocks(root[kind], labelCount, `${file}: ${kind}`)) {
        const key = labels.join(".");
        const existing = target.get(key);
        if (existing) {
          throw new TerraformConfigError(`${kind} ${key} is declared twice: in ${existing.file} and in ${file}.`);
        }
        target.set(key, { file, body });
      }
    }
  }
  return config;
}

function parseFile(path: string, file: string): JsonObject {
  let root: unknown;
  try {
    root = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new TerraformConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(root)) throw new TerraformConfigError(`${file} must hold a JSON object.`);
  return root;
}

/**
 * Terraform JSON's block nesting: one object level per label, then the body. A level may also be
 * an array of such objects (the form that keeps order), which is flattened here.
 */
function blocks(value: JsonValue, labelCount: number, where: string): [string[], JsonObject][] {
  const levels = Array.isArray(value) ? value : [value];
  if (labelCount === 0) {
    if (levels.length !== 1 || !isObject(levels[0])) {
      throw new TerraformConfigError(`${where} must be one JSON object (the block's body).`);
    }
    return [[[], levels[0]]];
  }
  return levels.flatMap((level) => {
    if (!isObject(level)) throw new TerraformConfigError(`${where} must be a JSON object keyed by block label.`);
    return Object.entries(level).flatMap(([label, inner]) =>
      blocks(inner, labelCount - 1, `${where}.${label}`).map(([labels, body]): [string[], JsonObject] => [
        [label, ...labels],
        body,
      ]),
    );
  });
}

/** A nested block given as one object or as an array of them (several blocks of that type). */
export function blockList(value: JsonValue | undefined, where: string): JsonObject[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (!isObject(item)) throw new TerraformConfigError(`${where} must be a block: a JSON object or a list of them.`);
    return item;
  });
}

/** Refuses arguments this package does not model, rather than silently reading a different policy. */
export function rejectUnknownArguments(body: JsonObject, known: readonly string[], where: string): void {
  for (const key of Object.keys(body)) {
    if (key !== COMMENT && !known.includes(key)) {
      throw new TerraformConfigError(`${where}: "${key}" is not modelled here; it reads only ${known.join(", ")}.`);
    }
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
