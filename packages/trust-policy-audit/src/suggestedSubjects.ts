import { formatSubject, isLevelValue, PLACEHOLDERS, type SubjectLevel, type SubjectParts } from "@repo/oidc-issuers";
import { isComparison } from "./operatorKinds";
import type { AuditSettings, StatementUnderAudit } from "./statementUnderAudit";

/**
 * The full subjects to write into a fix: those the caller said the role is meant for, completed
 * from what the statement already pins; otherwise the statement's own values with every wildcard
 * level turned into a placeholder such as <task_slug> (and case mistakes undone).
 */
export function suggestedSubjects(target: StatementUnderAudit | undefined, settings: AuditSettings): string[] {
  const written = target ? writtenSubjects(target).map(pinnedLevels) : [];
  if (settings.expectation.length > 0) {
    const agreed = (level: SubjectLevel) => {
      const values = new Set(written.map((parts) => parts[level]));
      const [only] = values;
      return values.size === 1 && only !== undefined ? only : PLACEHOLDERS[level];
    };
    return unique(
      settings.expectation.map((expected) => formatSubject(levelsOf((level) => expected[level] ?? agreed(level)))),
    );
  }
  const suggestions = written.map((parts) => formatSubject(levelsOf((level) => parts[level] ?? PLACEHOLDERS[level])));
  return suggestions.length > 0 ? unique(suggestions) : [formatSubject(PLACEHOLDERS)];
}

function writtenSubjects(target: StatementUnderAudit): string[] {
  return target.conditions.claims
    .filter((claim) => claim.claim === "sub" && isComparison(claim.clause.operator))
    .flatMap((claim) => claim.clause.values);
}

// Where each part of a subject stands: keywords at even positions, each level's value after its keyword.
const FRAME = ["team", "team", "env", "env", "task", "task"] as const;

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

function levelsOf(pick: (level: SubjectLevel) => string): SubjectParts {
  return { team: pick("team"), env: pick("env"), task: pick("task") };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
