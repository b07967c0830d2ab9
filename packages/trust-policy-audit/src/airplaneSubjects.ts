import {
  describeSubjectProblem,
  formatSubject,
  isLevelValue,
  levelRule,
  parseSubject,
  PLACEHOLDERS,
  SUBJECT_LEVELS,
  SUBJECT_TEMPLATE,
  type SubjectLevel,
} from "@repo/oidc-issuers";
import { nearbyValues, type SubjectParts, type SubjectScheme } from "./subjectScheme";

// A slug no one would give a task: if a pattern admits it, it admits any task.
const UNRELATED_TASK = "zq_unrelated_task";
// Where each part of a subject stands: keywords at even positions, each level's value after its keyword.
const FRAME = ["team", "team", "env", "env", "task", "task"] as const;

/** Airplane's `team:{team_id}:env:{env_slug}:task:{task_slug}`, every part lowercase. */
export const AIRPLANE_SUBJECTS: SubjectScheme = {
  levels: SUBJECT_LEVELS,
  template: SUBJECT_TEMPLATE,
  placeholders: PLACEHOLDERS,
  format: (parts) => formatSubject(parts as Record<SubjectLevel, string>),
  parse: (subject) => parseSubject(subject),
  describeProblem: describeSubjectProblem,
  isLevelValue: (level, value) => isLevelValue(level as SubjectLevel, value),
  levelRule: (level) => levelRule(level as SubjectLevel),
  fallbacks: { team: "tea20010101aaaaaaaaaa", env: "prod", task: "task" },
  // A `*` may stand for colons too, so every piece is tried at every level.
  pieces: (pattern) => pattern.split(":"),
  variants: (level, value) => nearbyValues(AIRPLANE_SUBJECTS, level, value, [UNRELATED_TASK.replace("task", level)]),
  breadthCode: (level, admits) => {
    if (level === "team") return "sub-spans-teams";
    if (level === "env") return "sub-spans-environments";
    return admits(UNRELATED_TASK) ? "sub-spans-tasks" : "sub-task-pattern";
  },
  notSubjectCode: "sub-not-airplane-subject",
  lowercase: true,
  pinnedLevels,
};

/**
 * The levels a value spells out in full, read as Airplane writes them (lowercase, no spaces):
 * from the left up to the first wildcard, and from the right back to the last one, since a `*`
 * may stand for several levels (`*:env:prod:task:x` still pins env and task).
 */
function pinnedLevels(value: string): Partial<SubjectParts> {
  const tokens = value.trim().toLowerCase().split(":");
  const pinned: Partial<SubjectParts> = {};
  const read = (token: string, position: number) => {
    const level = FRAME[position];
    if (level === undefined || /[*?]/.test(token)) return false;
    if (position % 2 === 0) return token === level;
    if (isLevelValue(level, token)) pinned[level] = token;
    return true;
  };
  const fromLeft = tokens.findIndex((token, position) => !read(token, position));
  if (fromLeft === -1) return pinned;
  const offset = FRAME.length - tokens.length;
  for (let index = tokens.length - 1; index > fromLeft && index + offset >= 0; index--) {
    if (!read(tokens[index] as string, index + offset)) break;
  }
  return pinned;
}
