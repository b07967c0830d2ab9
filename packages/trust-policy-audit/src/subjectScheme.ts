import type { FindingCode } from "./findingRules";

/** A subject level by level, broadest first: `{ team, env, task }` for Airplane. */
export type SubjectParts = Record<string, string>;

/**
 * How one platform writes the `sub` of its tokens, level by level, and what the audit needs to
 * search it: values worth trying, values near a given one, and the finding a wildcard at each
 * level earns. The search itself (subjectWitness, subjectBreadth) is the same for every platform.
 */
export interface SubjectScheme {
  /** Broadest first: a pattern that varies at an earlier level lets in more. */
  levels: readonly string[];
  /** The form, for messages: `team:{team_id}:env:{env_slug}:task:{task_slug}`. */
  template: string;
  placeholders: SubjectParts;
  format: (parts: SubjectParts) => string;
  /** The parts of a subject the platform writes, or undefined. */
  parse: (subject: string) => SubjectParts | undefined;
  /** Why `value` is not such a subject, as the end of a sentence. */
  describeProblem: (value: string) => string;
  isLevelValue: (level: string, value: string) => boolean;
  /** What a valid value of the level looks like, for messages. */
  levelRule: (level: string) => string;
  /** A real-looking value of each level, tried last. */
  fallbacks: SubjectParts;
  /** The pieces of a pattern that may stand for a level's value (before wildcards are filled in). */
  pieces: (pattern: string, level: string) => string[];
  /** Values near `value` (and a few unrelated ones): one admitted shows a wildcard at the level. */
  variants: (level: string, value: string) => string[];
  /**
   * The finding for a pattern that lets in other values at `level`; `admits` says whether a
   * value there gets in (the rest of the subject kept).
   */
  breadthCode: (level: string, admits: (value: string) => boolean) => FindingCode;
  /** The finding for a value no token of the platform carries. */
  notSubjectCode: FindingCode;
  /** Whether every part is written in lowercase, so a value in other case is a slip. */
  lowercase: boolean;
  /** The levels a pattern spells out in full, for fixes that keep what it pins. */
  pinnedLevels: (value: string) => Partial<SubjectParts>;
}

/** Values one character longer, shorter or different, and the given unrelated ones, that are valid at the level. */
export function nearbyValues(
  scheme: Pick<SubjectScheme, "isLevelValue">,
  level: string,
  value: string,
  unrelated: readonly string[],
): string[] {
  const changed = [...value].map(
    (char, index) => value.slice(0, index) + (char === "a" ? "b" : "a") + value.slice(index + 1),
  );
  const all = [`${value}x`, `x${value}`, value.slice(1), value.slice(0, -1), ...changed, ...unrelated];
  return [...new Set(all)].filter((candidate) => candidate !== value && scheme.isLevelValue(level, candidate));
}

/** A pattern's piece as it stands and with its wildcards filled in, emptied, or split at. */
export function filledPieces(piece: string): string[] {
  return [piece, piece.replace(/[*?]/g, "a"), piece.replace(/[*?]/g, ""), ...piece.split(/[*?]/)];
}
