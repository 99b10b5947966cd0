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
