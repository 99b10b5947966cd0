export type PortalStep = "login" | "consent" | "success";

/** A journey page URL. The token rides in the query string: no cookie is needed to carry on. */
export function portalPath(venueSlug: string, step: PortalStep, token: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ j: token, ...extra });
  return `/p/${encodeURIComponent(venueSlug)}/${step}?${query.toString()}`;
}
