/** Pages of a venue's portal. The journey token rides in the query string: no cookie is needed to carry on. */
export type PortalPage = "" | "loyalty" | "voucher" | "login" | "consent" | "success" | "welcome-back";

export function portalPath(venueSlug: string, page: PortalPage, query: Record<string, string | undefined> | string = {}): string {
  const search =
    typeof query === "string" ? query : new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string")).toString();
  return `/p/${encodeURIComponent(venueSlug)}${page ? `/${page}` : ""}${search ? `?${search}` : ""}`;
}

/** A query string with `lang` set to `locale` (the language switcher's links). */
export function withLang(query: string, locale: string): string {
  const search = new URLSearchParams(query);
  search.set("lang", locale);
  return search.toString();
}
