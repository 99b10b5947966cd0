/** A 1-based page number from the query string; anything odd reads as the first page. */
export function pageNumber(value: string | string[] | undefined): number {
  const page = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

/** The same URL at another page (or none when `page` is out of range). */
export function pageHref(path: string, params: Record<string, string | undefined>, page: number | null): string | undefined {
  if (page === null || page < 1) return undefined;
  const query = new URLSearchParams(Object.entries({ ...params, page: page === 1 ? undefined : String(page) }).filter((e): e is [string, string] => Boolean(e[1])));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
