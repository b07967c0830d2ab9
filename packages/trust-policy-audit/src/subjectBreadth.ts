import { formatSubject, isLevelValue, SUBJECT_LEVELS, type SubjectLevel, type SubjectParts } from "@repo/oidc-issuers";

/** The widest level at which a sub condition lets in subjects besides the intended one. */
export type SubjectBreadth = { level: "team" } | { level: "env" } | { level: "task"; anyTask: boolean };

// A slug no one would give a task: if a pattern admits it, it admits any task.
const UNRELATED_TASK = "zq_unrelated_task";

/**
 * Varies the witness one level at a time (longer, shorter, one character changed) and asks
 * `admits` about each variant: a `*` or `?` anywhere in a level shows up as an admitted variant.
 * Levels in `intended` (the caller said the role is meant for any value there) are not checked,
 * nor are variants equal to another subject the role is meant for.
 */
export function subjectBreadth(
  witness: SubjectParts,
  admits: (subject: string) => boolean,
  isIntended: (level: SubjectLevel, value: string) => boolean,
): SubjectBreadth | undefined {
  for (const level of SUBJECT_LEVELS) {
    const admitted = variants(level, witness[level])
      .filter((value) => !isIntended(level, value))
      .some((value) => admits(formatSubject({ ...witness, [level]: value })));
    if (!admitted) continue;
    if (level !== "task") return { level };
    return { level, anyTask: admits(formatSubject({ ...witness, task: UNRELATED_TASK })) };
  }
  return undefined;
}

function variants(level: SubjectLevel, value: string): string[] {
  const changed = [...value].map(
    (char, index) => value.slice(0, index) + (char === "a" ? "b" : "a") + value.slice(index + 1),
  );
  const all = [
    `${value}x`,
    `x${value}`,
    value.slice(1),
    value.slice(0, -1),
    ...changed,
    UNRELATED_TASK.replace("task", level),
  ];
  return [...new Set(all)].filter((candidate) => candidate !== value && isLevelValue(level, candidate));
}
