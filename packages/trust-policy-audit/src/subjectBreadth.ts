import type { FindingCode } from "./findingRules";
import type { SubjectParts, SubjectScheme } from "./subjectScheme";

/**
 * The finding for the widest level at which a sub condition lets in subjects besides the
 * intended one, or undefined. Varies the witness one level at a time (longer, shorter, one
 * character changed, unrelated values) and asks `admits` about each variant: a `*` or `?`
 * anywhere in a level shows up as an admitted variant. Values `isIntended` says the role is meant
 * for are not counted.
 */
export function subjectBreadth(
  scheme: SubjectScheme,
  witness: SubjectParts,
  admits: (subject: string) => boolean,
  isIntended: (level: string, value: string) => boolean,
): FindingCode | undefined {
  for (const level of scheme.levels) {
    const admitsAt = (value: string) => admits(scheme.format({ ...witness, [level]: value }));
    const admitted = scheme
      .variants(level, witness[level] as string)
      .filter((value) => !isIntended(level, value))
      .some(admitsAt);
    if (admitted) return scheme.breadthCode(level, admitsAt);
  }
  return undefined;
}
