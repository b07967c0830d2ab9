import { readFileSync } from "node:fs";

/** One trust policy to audit, and the role it belongs to when the file says. */
export interface AuditInput {
  source: string;
  roleName?: string;
  roleArn?: string;
  /** As found: an object, or URL-encoded JSON text as IAM's API returns it. */
  document: unknown;
}

/** A file that holds no trust policy; the message names the file and what was expected. */
export class InputError extends Error {
  override readonly name = "InputError";
}

type Json = Record<string, unknown>;

/**
 * Reads a trust policy document, a role as `aws iam get-role` prints it (`Role.AssumeRolePolicyDocument`),
 * a bare role, or `aws iam list-roles` output (`Roles[]`), or URL-encoded policy text.
 */
export function readAuditInput(file: string): AuditInput[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new InputError(`Cannot read ${file}: ${reason}.`);
  }
  if (/^\s*%7b/i.test(text)) return [{ source: file, document: text.trim() }];
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not JSON: ${(error as Error).message}.`);
  }
  if (isObject(content)) {
    if ("Statement" in content) return [{ source: file, document: content }];
    if (isObject(content.Role)) return [roleInput(file, content.Role)];
    if (Array.isArray(content.Roles)) return content.Roles.filter(isObject).map((role) => roleInput(file, role));
    if ("AssumeRolePolicyDocument" in content) return [roleInput(file, content)];
  }
  throw new InputError(
    `${file} is neither a trust policy (an object with "Statement") nor a role as "aws iam get-role" ` +
      `prints it (with "Role.AssumeRolePolicyDocument") nor "aws iam list-roles" output (with "Roles").`,
  );
}

function roleInput(file: string, role: Json): AuditInput {
  const roleName = typeof role.RoleName === "string" ? role.RoleName : undefined;
  if (role.AssumeRolePolicyDocument === undefined) {
    throw new InputError(`${file}: role ${roleName ?? "(unnamed)"} has no AssumeRolePolicyDocument.`);
  }
  return {
    source: file,
    ...(roleName !== undefined ? { roleName } : {}),
    ...(typeof role.Arn === "string" ? { roleArn: role.Arn } : {}),
    document: role.AssumeRolePolicyDocument,
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
