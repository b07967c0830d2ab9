import {
  describeSubjectProblem,
  formatSubject,
  isLevelValue,
  levelRule,
  splitSubject,
  SUBJECT_LEVELS,
  type SubjectLevel,
  type SubjectParts,
} from "@repo/oidc-issuers";
import { AuditOptionsError, type AuditOptionName } from "./auditOptionsError";

/** Which Airplane tasks a role is meant for: full subjects, or parts of one. */
export interface ExpectedSubjectOptions {
  /** Full subjects, such as `team:tea…:env:prod:task:add_s3_bucket_tag`; a part may be `*` (meant for any). */
  expectedSubject?: string | readonly string[];
  teamId?: string | readonly string[];
  /** For example `["prod", "studio"]` for a task also run under `airplane dev`; `"*"`: meant for every environment. */
  envSlug?: string | readonly string[];
  /** `"*"`: meant for every task of the environment. */
  taskSlug?: string | readonly string[];
}

/** One subject the role is meant for, level by level: a value, `*` for any, absent when not said. */
export type ExpectedSubject = Partial<SubjectParts>;

export const ANY = "*";

/** The subjects a role is meant for; empty when the caller did not say. */
export function resolveExpectation(options: ExpectedSubjectOptions): ExpectedSubject[] {
  const byParts = options.teamId !== undefined || options.envSlug !== undefined || options.taskSlug !== undefined;
  if (options.expectedSubject !== undefined) {
    if (byParts) {
      throw new AuditOptionsError(
        "expectedSubject",
        "give full subjects or their parts (team, environment, task), not both.",
      );
    }
    const subjects = listOf(options.expectedSubject);
    if (subjects.length === 0) throw new AuditOptionsError("expectedSubject", "the list is empty: give a subject.");
    return subjects.map(expectedFromSubject);
  }
  if (!byParts) return [];
  const teams = levelValues("team", options.teamId);
  const envs = levelValues("env", options.envSlug);
  const tasks = levelValues("task", options.taskSlug);
  return teams.flatMap((team) => envs.flatMap((env) => tasks.map((task) => definedParts({ team, env, task }))));
}

/** Whether the caller said the role is meant for any value of this level. */
export function meantForAny(expectation: readonly ExpectedSubject[], level: SubjectLevel): boolean {
  return expectation.some((expected) => expected[level] === ANY);
}

/** The subjects the role is meant for that are fully known (every level a value). */
export function concreteSubjects(expectation: readonly ExpectedSubject[]): string[] {
  return expectation.flatMap((expected) => {
    const { team, env, task } = expected;
    const known = [team, env, task].every((value) => value !== undefined && value !== ANY);
    return known ? [formatSubject(expected as SubjectParts)] : [];
  });
}

/** `expected` with the levels it leaves open taken from `subject`. */
export function completeSubject(expected: ExpectedSubject, subject: SubjectParts): SubjectParts {
  const pick = (level: SubjectLevel) => {
    const value = expected[level];
    return value === undefined || value === ANY ? subject[level] : value;
  };
  return { team: pick("team"), env: pick("env"), task: pick("task") };
}

function listOf(value: string | readonly string[]): readonly string[] {
  return typeof value === "string" ? [value] : value;
}

function expectedFromSubject(subject: string): ExpectedSubject {
  const parts = splitSubject(subject);
  if (!parts) {
    throw new AuditOptionsError(
      "expectedSubject",
      `"${subject}" is not an Airplane subject: ${describeSubjectProblem(subject)}.`,
    );
  }
  for (const level of SUBJECT_LEVELS) checkLevelValue(level, parts[level], "expectedSubject", `"${subject}": `);
  return parts;
}

const OPTION_NAMES: Record<SubjectLevel, AuditOptionName> = { team: "teamId", env: "envSlug", task: "taskSlug" };

function levelValues(level: SubjectLevel, given: string | readonly string[] | undefined): (string | undefined)[] {
  if (given === undefined) return [undefined];
  const values = listOf(given);
  if (values.length === 0) throw new AuditOptionsError(OPTION_NAMES[level], "the list is empty: give a value.");
  for (const value of values) checkLevelValue(level, value, OPTION_NAMES[level]);
  return [...values];
}

function checkLevelValue(level: SubjectLevel, value: string, option: AuditOptionName, context = ""): void {
  if (value === ANY) {
    if (level !== "team") return;
    throw new AuditOptionsError(
      option,
      `${context}a role meant for every Airplane team's tasks is what this audit exists to catch; give your team ID.`,
    );
  }
  if (!isLevelValue(level, value)) {
    const any = level === "team" ? "" : ", or * for any";
    throw new AuditOptionsError(option, `${context}"${value}" is not valid: ${levelRule(level)}${any}.`);
  }
}

function definedParts(parts: Record<SubjectLevel, string | undefined>): ExpectedSubject {
  return Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined));
}
