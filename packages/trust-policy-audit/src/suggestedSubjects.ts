import { isComparison } from "./operatorKinds";
import type { AuditSettings, StatementUnderAudit } from "./statementUnderAudit";
import type { Platform } from "./platforms";
import type { SubjectParts } from "./subjectScheme";

/**
 * The full subjects to write into a fix: those the caller said the role is meant for, completed
 * from what the statement already pins; otherwise the statement's own values with every wildcard
 * level turned into a placeholder such as <task_slug> (and case mistakes undone).
 */
export function suggestedSubjects(
  platform: Platform,
  target: StatementUnderAudit | undefined,
  settings: AuditSettings,
): string[] {
  const scheme = platform.subjects;
  const written = target ? writtenSubjects(target).map(scheme.pinnedLevels) : [];
  const levelsOf = (pick: (level: string) => string): SubjectParts =>
    Object.fromEntries(scheme.levels.map((level) => [level, pick(level)]));
  const expectation = settings.expectation[platform.id];
  if (expectation.length > 0) {
    const agreed = (level: string) => {
      const values = new Set(written.map((parts) => parts[level]));
      const [only] = values;
      return values.size === 1 && only !== undefined ? only : (scheme.placeholders[level] as string);
    };
    return unique(expectation.map((expected) => scheme.format(levelsOf((level) => expected[level] ?? agreed(level)))));
  }
  const suggestions = written.map((parts) =>
    scheme.format(levelsOf((level) => parts[level] ?? (scheme.placeholders[level] as string))),
  );
  return suggestions.length > 0 ? unique(suggestions) : [scheme.format(scheme.placeholders)];
}

function writtenSubjects(target: StatementUnderAudit): string[] {
  return target.conditions.claims
    .filter((claim) => claim.claim === "sub" && isComparison(claim.clause.operator))
    .flatMap((claim) => claim.clause.values);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
