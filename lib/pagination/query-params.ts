/** A page's search parameters as Next hands them over. */
export type QueryParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter: `?q=a&q=b` reads as "a", like most forms expect. */
export function firstParam(params: QueryParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The named parameters as single strings, ready for a zod schema. */
export function pickParams<Name extends string>(params: QueryParams, names: readonly Name[]): Partial<Record<Name, string>> {
  const picked: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const value = firstParam(params, name);
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/**
 * A link to another page of one list on the same URL: keeps every other parameter (the
 * filters, and other lists' positions), replaces this list's `older`/`newer` cursor.
 */
export function pageHref(
  path: string,
  params: QueryParams,
  cursor: { older?: string; newer?: string },
  options: { prefix?: string; hash?: string } = {},
): string | undefined {
  const { prefix = "", hash = "" } = options;
  const [direction, value] = cursor.older ? ["older", cursor.older] : cursor.newer ? ["newer", cursor.newer] : [];
  if (!direction || !value) return undefined;
  const query = new URLSearchParams();
  for (const [name, raw] of Object.entries(params)) {
    if (name === `${prefix}older` || name === `${prefix}newer`) continue;
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first) query.set(name, first);
  }
  query.set(`${prefix}${direction}`, value);
  return `${path}?${query.toString()}${hash}`;
}
