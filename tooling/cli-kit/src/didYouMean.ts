import { closest, distance } from "fastest-levenshtein";

/**
 * The known name nearest to a mistyped one, when it is near enough to be a likely typo: within a
 * third of the word's length in edits, and two at least (a swap, "lcoal" for "local", is two), so
 * that an unrelated word finds nothing rather than a random name.
 */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const nearest = closest(word, [...known]);
  return distance(word, nearest) <= Math.max(2, Math.floor(word.length / 3)) ? nearest : undefined;
}
