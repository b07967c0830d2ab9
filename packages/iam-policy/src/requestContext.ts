/** A context key's value: multivalued keys (such as `aws:TagKeys`) are arrays. */
export type ContextValue = string | boolean | number | readonly string[];

/** The request's condition keys, for example `{ "api.airplane.dev:sub": "team:…" }`. */
export type RequestContext = Readonly<Record<string, ContextValue | undefined>>;

/**
 * The values of a key as strings, or `undefined` when the request does not carry it. IAM looks
 * keys up case-insensitively, so `Api.Airplane.Dev:Sub` in a policy finds `api.airplane.dev:sub`.
 */
export function contextValues(context: RequestContext, key: string): readonly string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) {
    if (name.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === "object" ? value : [String(value)];
  }
  return undefined;
}
