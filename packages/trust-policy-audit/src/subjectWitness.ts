import { hasWildcard } from "@repo/iam-policy";
import { ANY, type ExpectedSubject } from "./subjectExpectation";
import { filledPieces, type SubjectParts, type SubjectScheme } from "./subjectScheme";

// Bounds the search to 16³ subjects however many values a condition lists.
const MAX_CANDIDATES = 16;

/**
 * A real-looking subject that `admits` lets through and `value` stands for, or undefined when
 * there is none. A value without wildcards stands only for itself; a pattern is searched with its
 * own pieces first, then with those of `lenders` (the statement's other patterns, which it must
 * meet: `team:x:*` AND `*:task:y` meet at team:x:…:task:y).
 */
export function findSubjectWitness(
  scheme: SubjectScheme,
  value: string,
  admits: (subject: string) => boolean,
  expectation: readonly ExpectedSubject[] = [],
  lenders: readonly string[] = [],
): SubjectParts | undefined {
  if (!hasWildcard(value)) {
    // Lowercased too, for StringEqualsIgnoreCase; `admits` decides whether case matters.
    const parts = scheme.parse(value) ?? scheme.parse(value.toLowerCase());
    return parts && admits(scheme.format(parts)) ? parts : undefined;
  }
  return (
    searchWitness(scheme, [value], admits, expectation) ??
    (lenders.length > 0 ? searchWitness(scheme, [value, ...lenders], admits, expectation) : undefined)
  );
}

// Each level is tried with the literal pieces of the patterns (`*` may stand for separators too,
// so a pattern is not simply split into levels), the subjects the role is meant for and a fallback.
function searchWitness(
  scheme: SubjectScheme,
  patterns: readonly string[],
  admits: (subject: string) => boolean,
  expectation: readonly ExpectedSubject[],
): SubjectParts | undefined {
  const candidates = scheme.levels.map((level) => levelCandidates(scheme, level, patterns, expectation));
  const search = (index: number, chosen: SubjectParts): SubjectParts | undefined => {
    const level = scheme.levels[index];
    if (level === undefined) return admits(scheme.format(chosen)) ? chosen : undefined;
    for (const value of candidates[index] ?? []) {
      const found = search(index + 1, { ...chosen, [level]: value });
      if (found) return found;
    }
    return undefined;
  };
  return search(0, {});
}

function levelCandidates(
  scheme: SubjectScheme,
  level: string,
  patterns: readonly string[],
  expectation: readonly ExpectedSubject[],
): string[] {
  const expected = expectation.flatMap((subject) => {
    const value = subject[level];
    return value === undefined || value === ANY ? [] : filledPieces(value);
  });
  const pieces = patterns.flatMap((pattern) => scheme.pieces(pattern, level)).flatMap(filledPieces);
  const all = [...expected, ...pieces, ...pieces.map((piece) => piece.toLowerCase())];
  const fallback = scheme.fallbacks[level] as string;
  const valid = [...new Set(all)].filter((value) => scheme.isLevelValue(level, value) && value !== fallback);
  return [...valid.slice(0, MAX_CANDIDATES - 1), fallback];
}
