import { formatSubject, isLevelValue, type SubjectLevel, type SubjectParts } from "./airplaneSubject";
import { ANY, type ExpectedSubject } from "./subjectExpectation";

const FALLBACKS: SubjectParts = { team: "tea20010101aaaaaaaaaa", env: "prod", task: "task" };

/**
 * A real-looking subject that `admits` lets through, or undefined when there is none. Each level
 * is tried with the literal pieces of the patterns (`*` may stand for colons too, so a pattern is
 * not simply split into levels), the subjects the role is meant for and plain fallbacks: enough
 * for the patterns people write.
 */
export function findSubjectWitness(
  patterns: readonly string[],
  admits: (subject: string) => boolean,
  expectation: readonly ExpectedSubject[] = [],
): SubjectParts | undefined {
  const candidates = (level: SubjectLevel) => levelCandidates(level, patterns, expectation);
  for (const team of candidates("team")) {
    for (const env of candidates("env")) {
      for (const task of candidates("task")) {
        const parts = { team, env, task };
        if (admits(formatSubject(parts))) return parts;
      }
    }
  }
  return undefined;
}

function levelCandidates(
  level: SubjectLevel,
  patterns: readonly string[],
  expectation: readonly ExpectedSubject[],
): string[] {
  const expected = expectation.map((subject) => subject[level]).filter((value) => value !== undefined && value !== ANY);
  const pieces = patterns
    .flatMap((pattern) => pattern.split(":"))
    .flatMap((token) => [token, token.replace(/[*?]/g, "a"), token.replace(/[*?]/g, ""), ...token.split(/[*?]/)]);
  const all = [...(expected as string[]), ...pieces, ...pieces.map((piece) => piece.toLowerCase()), FALLBACKS[level]];
  return [...new Set(all)].filter((value) => isLevelValue(level, value));
}
