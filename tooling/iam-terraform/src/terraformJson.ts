/** A JSON value, as Terraform's JSON syntax (`*.tf.json`) reads it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Terraform ignores this key in the root object and in block bodies: JSON syntax's comment. */
export const COMMENT = "//";

/**
 * The text of a `*.tf.json` file: keys sorted (the comment first, so the why comes before the
 * what), 2-space indent, trailing newline. Sorting here, rather than trusting the order in which
 * the generator built each object, makes the same content always the same bytes: a regenerate is
 * a no-op and a diff shows only what changed.
 */
export function renderTerraformJson(value: JsonValue): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value).sort(compareKeys);
  return Object.fromEntries(keys.map((key) => [key, sortKeys(value[key] as JsonValue)]));
}

// Code-point order, not localeCompare: the same on every machine and locale.
function compareKeys(a: string, b: string): number {
  if (a === COMMENT || b === COMMENT) return a === COMMENT ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A string Terraform must take literally where it reads a template (every resource and data
 * argument): `${` and `%{` escaped as `$${` and `%%{`. An IAM policy variable such as
 * `arn:aws:s3:::home/${aws:username}` then reaches IAM unchanged instead of failing as an
 * unknown Terraform reference.
 */
export function literal(text: string): string {
  // Replacer functions: in a replacement string, "$$" would mean one "$".
  return text.replaceAll("${", () => "$${").replaceAll("%{", () => "%%{");
}

/** `${expression}`: a Terraform interpolation, spelled out so it never reads as a JS template. */
export function interpolate(expression: string): string {
  return "${" + expression + "}";
}
