export interface WildcardOptions {
  ignoreCase?: boolean;
}

/**
 * IAM's wildcard match: `*` stands for any run of characters (none included), `?` for exactly one,
 * and every other character for itself. Hand-written because glob libraries (minimatch,
 * picomatch) treat `/` as a separator and give meaning to `[`, `{` and `!`, which IAM does not;
 * and because a pattern turned into a RegExp could backtrack exponentially. This is the classic
 * two-pointer match: on a mismatch it resumes after the last `*`, one character further on, which
 * is exact when `*` and `?` are the only operators and takes at most pattern × value steps.
 */
export function matchWildcard(pattern: string, value: string, options: WildcardOptions = {}): boolean {
  const p = options.ignoreCase ? pattern.toLowerCase() : pattern;
  const v = options.ignoreCase ? value.toLowerCase() : value;
  let pi = 0;
  let vi = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (vi < v.length) {
    const token = p[pi];
    if (token === "*") {
      starAt = pi++;
      resumeAt = vi;
    } else if (pi < p.length && (token === "?" || token === v[vi])) {
      pi++;
      vi++;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      vi = ++resumeAt;
    } else {
      return false;
    }
  }
  while (p[pi] === "*") pi++;
  return pi === p.length;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}
