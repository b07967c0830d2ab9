import { TerraformConfigError } from "./readTerraformDir";
import type { JsonValue } from "./terraformJson";

/** The value of a reference such as `var.airplane_team_id` or `aws_iam_role.x.arn`. */
export type ResolveReference = (reference: string) => unknown;

// A traversal of names: var.x, data.type.name.attribute. No index, call or operator.
const REFERENCE = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$/;

/**
 * A JSON value where Terraform reads an expression: strings are templates, arrays and objects
 * are evaluated element by element.
 */
export function evaluateExpression(value: JsonValue, resolve: ResolveReference): unknown {
  if (typeof value === "string") return evaluateTemplate(value, resolve);
  if (Array.isArray(value)) return value.map((item) => evaluateExpression(item, resolve));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [evaluateTemplate(key, resolve), evaluateExpression(item, resolve)]),
    );
  }
  return value;
}

/**
 * A Terraform string template, as far as the generated files use it: literal text, `$${` and
 * `%%{` escapes, and `${reference}` interpolations. A template that is one interpolation and
 * nothing else yields the referenced value itself, as in Terraform. Anything else (function
 * calls, operators, directives) is refused with a message: evaluating it is Terraform's job, and
 * a guess would make a test pass on a policy AWS never sees. Hand-written rather than an HCL
 * library: the npm ports of HCL parse the native syntax, not the templates inside JSON strings.
 */
export function evaluateTemplate(template: string, resolve: ResolveReference): unknown {
  const parts: unknown[] = [];
  let text = "";
  let literalText = false;
  for (let i = 0; i < template.length;) {
    if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
      text += template.slice(i + 1, i + 3);
      literalText = true;
      i += 3;
    } else if (template.startsWith("%{", i)) {
      throw new TerraformConfigError(
        `"${template}" uses a template directive (%{...}), which only Terraform evaluates.`,
      );
    } else if (template.startsWith("${", i)) {
      const end = template.indexOf("}", i + 2);
      const expression = end < 0 ? "" : template.slice(i + 2, end).trim();
      if (!REFERENCE.test(expression)) {
        throw new TerraformConfigError(
          `"${template}" holds an expression only Terraform evaluates; this reader resolves references such as ` +
            "var.name and the attributes of the generated resources.",
        );
      }
      if (text) parts.push(text);
      text = "";
      parts.push(resolve(expression));
      i = end + 1;
    } else {
      text += template[i];
      literalText = true;
      i++;
    }
  }
  if (text) parts.push(text);
  if (parts.length === 1 && !literalText) return parts[0];
  return parts.map((part) => templatePart(part, template)).join("");
}

function templatePart(part: unknown, template: string): string {
  if (typeof part === "string" || typeof part === "number" || typeof part === "boolean") return String(part);
  throw new TerraformConfigError(`"${template}" interpolates a value that is not text (${JSON.stringify(part)}).`);
}
