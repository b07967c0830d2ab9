import { hasWildcard } from "@repo/iam-policy";
import { formatSubject, isLevelValue, parseSubject, type SubjectLevel, type SubjectParts } from "@repo/oidc-issuers";
import { ANY, type ExpectedSubject } from "./subjectExpectation";

const FALLBACKS: SubjectParts = { team: "tea20010101aaaaaaaaaa", env: "prod", task: "task" };

// Bounds the search to 16³ subjects however many values a condition lists.
const MAX_CANDIDATES = 16;

/**
 * A real-looking subject that `admits` lets through and `value` stands for, or undefined when
 * there is none. A value without wildcards stands only for itself; a pattern is searched with its
 * own pieces first, then with those of `lenders` (the statement's other patterns, which it must
 * meet: `team:x:*` AND `*:task:y` meet at team:x:…:task:y).
 */
export function findSubjectWitness(
  value: string,
  admits: (subject: string) => boolean,
  expectation: readonly ExpectedSubject[] = [],
  lenders: readonly string[] = [],
): SubjectParts | undefined {
  if (!hasWildcard(value)) {
    // Lowercased too, for StringEqualsIgnoreCase; `admits` decides whether case matters.
    const parts = parseSubject(value) ?? parseSubject(value.toLowerCase());
    return parts && admits(formatSubject(parts)) ? parts : undefined;
  }
  return (
    searchWitness([value], admits, expectation) ??
    (lenders.length > 0 ? searchWitness([value, ...lenders], admits, expectation) : undefined)
  );
}

// Each level is tried with the literal pieces of the patterns (`*` may stand for colons too, so a
// pattern is not simply split into levels), the subjects the role is meant for and a fallback.
function searchWitness(
  patterns: readonly string[],
  admits: (subject: string) => boolean,
  expectation: readonly ExpectedSubject[],
): SubjectParts | undefined {
  const teams = levelCandidates("team", patterns, expectation);
  const envs = levelCandidates("env", patterns, expectation);
  const tasks = levelCandidates("task", patterns, expectation);
  for (const team of teams) {
    for (const env of envs) {
      for (const task of tasks) {
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
  const expected = expectation.flatMap((subject) => {
    const value = subject[level];
    return value === undefined || value === ANY ? [] : [value];
  });
  const pieces = patterns
    .flatMap((pattern) => pattern.split(":"))
    .flatMap((token) => [token, token.replace(/[*?]/g, "a"), token.replace(/[*?]/g, ""), ...token.split(/[*?]/)]);
  const all = [...expected, ...pieces, ...pieces.map((piece) => piece.toLowerCase())];
  const valid = [...new Set(all)].filter((value) => isLevelValue(level, value) && value !== FALLBACKS[level]);
  return [...valid.slice(0, MAX_CANDIDATES - 1), FALLBACKS[level]];
}
