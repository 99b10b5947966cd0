// The route group of a request, for the latency histogram and the access log: a few fixed
// names (a label per path would be one series per venue), and the path with ids taken out.

const guestPage = /^\/p\/[^/]+(?:\/(loyalty|login|consent|success))?\/?$/;

export function routeGroup(pathname: string): string {
  const guest = guestPage.exec(pathname);
  if (guest) return `portal_${guest[1] ?? "splash"}`;
  if (pathname.startsWith("/api/captive-portal/")) return "captive_portal_api";
  if (pathname.startsWith("/api/radius/")) return "radius";
  if (pathname.startsWith("/api/auth/")) return "staff_auth";
  if (pathname.startsWith("/api/")) return "api";
  if (pathname === "/admin" || pathname.startsWith("/admin/")) return "staff";
  if (pathname.startsWith("/_next/") || pathname.startsWith("/assets/") || pathname === "/favicon.ico" || pathname === "/robots.txt") return "static";
  if (pathname === "/healthz" || pathname === "/readyz" || pathname === "/metrics") return "ops";
  return "other";
}

const uuid = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;

/** The path for a log line: without its query (gateway parameters, tokens) and with record ids as ":id". */
export function loggablePath(pathname: string): string {
  return pathname.slice(0, 200).replace(uuid, "/:id");
}
