/**
 * Airplane's ID token subject, `team:{team_id}:env:{env_slug}:task:{task_slug}`, level by level.
 * Values are compared case-sensitively by IAM, and Airplane writes every part in lowercase.
 */
export const SUBJECT_LEVELS = ["team", "env", "task"] as const;

export type SubjectLevel = (typeof SUBJECT_LEVELS)[number];

export type SubjectParts = Record<SubjectLevel, string>;

export const SUBJECT_TEMPLATE = "team:{team_id}:env:{env_slug}:task:{task_slug}";

export const PLACEHOLDERS: SubjectParts = { team: "<team_id>", env: "<env_slug>", task: "<task_slug>" };

const LEVEL_VALUES: Record<SubjectLevel, { pattern: RegExp; rule: string }> = {
  team: { pattern: /^[a-z0-9]+$/, rule: "team IDs are lowercase letters and digits, as in tea20010101aaaaaaaaaa" },
  env: { pattern: /^[a-z0-9][a-z0-9_-]*$/, rule: "environment slugs are lowercase, as in prod or studio" },
  task: {
    pattern: /^[a-z][a-z0-9_]*$/,
    rule: "task slugs are lowercase letters, digits and _, starting with a letter (the slug, not the task's name)",
  },
};

export function formatSubject(parts: SubjectParts): string {
  return `team:${parts.team}:env:${parts.env}:task:${parts.task}`;
}

export function isLevelValue(level: SubjectLevel, value: string): boolean {
  return LEVEL_VALUES[level].pattern.test(value);
}

/** The parts of `team:…:env:…:task:…`, or undefined when no Airplane token can carry it. */
export function parseSubject(subject: string): SubjectParts | undefined {
  const parts = splitSubject(subject);
  return parts && SUBJECT_LEVELS.every((level) => isLevelValue(level, parts[level])) ? parts : undefined;
}

/** What a valid value of the level looks like, for messages. */
export function levelRule(level: SubjectLevel): string {
  return LEVEL_VALUES[level].rule;
}

/** `team:…:env:…:task:…` split by level whatever the values, or undefined when the frame is wrong. */
export function splitSubject(subject: string): SubjectParts | undefined {
  const [teamWord, team, envWord, env, taskWord, task, ...rest] = subject.split(":");
  if (teamWord !== "team" || envWord !== "env" || taskWord !== "task" || rest.length > 0) return undefined;
  if (team === undefined || env === undefined || task === undefined) return undefined;
  return { team, env, task };
}

/** Why `value` is not an Airplane subject, as the end of a sentence. */
export function describeSubjectProblem(value: string): string {
  if (value !== value.trim()) return "it has white space around it";
  const parts = splitSubject(value);
  if (!parts) return `it is not of the form ${SUBJECT_TEMPLATE}`;
  const level = SUBJECT_LEVELS.find((candidate) => !isLevelValue(candidate, parts[candidate]));
  return level ? `"${parts[level]}" is not valid there: ${levelRule(level)}` : "it is not a subject";
}
