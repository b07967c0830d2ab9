import { readFileSync } from "node:fs";
import { normalizePolicy, PolicyParseError } from "@repo/iam-policy";
import type { PermissionStatement } from "./taskDescription";

const FILE_KEYS = ["$comment", "statements"];
const STATEMENT_KEYS = ["why", "actions", "resources", "scope"];
const EXAMPLE =
  '{ "why": "Read the bucket\'s tags.", "actions": ["s3:GetBucketTagging"], "resources": ["arn:aws:s3:::*"] }';

type JsonRecord = Record<string, unknown>;

export type PermissionsFileResult = { statements: PermissionStatement[] } | { problems: string[] };

/**
 * A task's `aws-permissions.json`, checked: its shape here, then each statement as IAM would check
 * the policy made from it (through @repo/iam-policy), so a typo fails now, naming the file and the
 * statement, rather than at `terraform apply` or, worse, as AccessDenied in a run.
 * Returns the statements, or every problem found.
 */
export function readPermissionsFile(path: string, shownAs: string): PermissionsFileResult {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return { problems: [`${shownAs} is not valid JSON: ${(error as Error).message}`] };
  }
  if (!isRecord(document)) return { problems: [`${shownAs} must be a JSON object with a "statements" list.`] };
  const problems = unknownKeys(document, FILE_KEYS, shownAs);
  if (!Array.isArray(document.statements)) {
    const fix = `a list like [${EXAMPLE}], or [] if the task calls no AWS action`;
    return { problems: [...problems, `${shownAs} needs "statements": ${fix}.`] };
  }
  const statements = document.statements.map((raw: unknown, index) => {
    const found = statementProblems(raw, `${shownAs}: statements[${index}]`);
    problems.push(...found);
    return found.length === 0 ? (raw as PermissionStatement) : undefined;
  });
  if (problems.length > 0) return { problems };
  const checked = statements.filter((statement) => statement !== undefined);
  const iamProblem = iamGrammarProblem(checked);
  return iamProblem ? { problems: [`${shownAs}: ${iamProblem}`] } : { statements: checked };
}

function statementProblems(raw: unknown, where: string): string[] {
  if (!isRecord(raw)) return [`${where} must be an object like ${EXAMPLE}.`];
  const problems = unknownKeys(raw, STATEMENT_KEYS, where);
  if (typeof raw.why !== "string" || raw.why.trim() === "") {
    problems.push(`${where}.why must say why the task needs these actions.`);
  }
  if (raw.scope !== undefined && raw.scope !== "task-role") {
    problems.push(
      `${where}.scope must be "task-role" (only the task's own role gets the statement, not its member roles), ` +
        "or be left out (both get it).",
    );
  }
  for (const key of ["actions", "resources"]) {
    const list = raw[key];
    if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === "string" && item !== "")) {
      problems.push(`${where}.${key} must be a non-empty list of strings.`);
    }
  }
  return problems;
}

function unknownKeys(object: JsonRecord, allowed: readonly string[], where: string): string[] {
  return Object.keys(object)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${where} has an unknown key "${key}": the keys are ${allowed.join(", ")}.`);
}

// The policy the statements become, minus what only the generator adds (Sids): IAM's own checks
// of action and resource forms, with IAM's element names turned back into the file's.
function iamGrammarProblem(statements: readonly PermissionStatement[]): string | undefined {
  if (statements.length === 0) return undefined;
  try {
    normalizePolicy({
      Version: "2012-10-17",
      Statement: statements.map(({ actions, resources }) => ({
        Effect: "Allow",
        Action: actions,
        Resource: resources,
      })),
    });
    return undefined;
  } catch (error) {
    if (!(error instanceof PolicyParseError)) throw error;
    return error.message
      .replace(/^Statement\[(\d+)\]\.Action/, "statements[$1].actions")
      .replace(/^Statement\[(\d+)\]\.Resource/, "statements[$1].resources");
  }
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
