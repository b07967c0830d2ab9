/** `a=1, b=2`, sorted by key: tags as a person reads them in a terminal. */
export function formatTags(tags: Record<string, string> | Array<{ key: string; value: string }>): string {
  const entries = Array.isArray(tags) ? tags.map((tag) => [tag.key, tag.value] as const) : Object.entries(tags);
  if (entries.length === 0) return "(none)";
  return [...entries]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join(", ");
}
