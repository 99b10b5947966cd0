// The headers every response carries, whichever server path sends it: next.config.ts applies
// them to what Next serves, and Portico's own server to the guest pages it serves itself
// (lib/runtime/guest-routes.ts). One list, so the two can never drift apart.
//
// The Content-Security-Policy differs by what renders the page:
// - guest pages (react-dom/server in route handlers) inline one fixed script: its hash is
//   the only script allowed (app/(portal)/_portal/respond.ts);
// - Next's pages (the staff area, the home page) get a fresh nonce per request from proxy.ts,
//   which Next puts on its own scripts;
// - everything else (API answers, files) keeps the baseline below: no inline script at all.
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

export interface PolicyOptions {
  /** Beyond 'self': hashes ('sha256-…'), a nonce ('nonce-…'), 'strict-dynamic'. */
  scriptSources?: readonly string[];
  /** A gateway's login form (MikroTik, Cisco, Aruba, Meraki sign-on) the success page posts to the gateway itself. */
  formActionOrigins?: readonly string[];
  /** Beyond 'self': origins the page's script may fetch from (the walled-garden check's probes). */
  connectSources?: readonly string[];
  /** Who may frame the page: nobody, or this site (the copy editor's preview). */
  frameAncestors?: "'none'" | "'self'";
  /** Next's development server evaluates code ('unsafe-eval') and talks over a websocket. */
  development?: boolean;
}

/**
 * The policy. Styles may be inline (the guest pages' one <style> carries each venue's look;
 * Next inlines some too): CSS cannot run script, and no other origin is allowed for anything.
 */
export function contentSecurityPolicy({ scriptSources = [], formActionOrigins = [], connectSources = [], frameAncestors = "'none'", development = false }: PolicyOptions = {}): string {
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...scriptSources, ...(development ? ["'unsafe-eval'"] : [])].join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectSources, ...(development ? ["ws:", "wss:"] : [])].join(" ")}`,
    `frame-ancestors ${frameAncestors}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${["'self'", ...formActionOrigins].join(" ")}`,
  ].join("; ");
}

export const securityHeaders: readonly { key: string; value: string }[] = [
  // Journey tokens ride in portal URLs; no page may hand them to another site in a Referer.
  // Not "no-referrer": with it Chromium sends "Origin: null" on plain form posts, and the
  // origin checks (Next's and the portal's) rightly refuse those (JavaScript-off guests).
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: contentSecurityPolicy() },
];

/**
 * Sent only over TLS: a browser that reached Portico over plain HTTP (a captive network before
 * sign-in, a trial on localhost) must not be told to refuse it. A year; not includeSubDomains,
 * which would bind every other host of the venue's domain.
 */
export const strictTransportSecurity = "max-age=31536000";

/**
 * Whether the browser reached us over TLS: this socket is TLS, or a trusted proxy says so
 * (the front door has already dropped X-Forwarded-Proto from any peer that is not one).
 */
export function isTlsRequest(request: IncomingMessage): boolean {
  if ((request.socket as TLSSocket).encrypted) return true;
  const proto = request.headers["x-forwarded-proto"];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(",", 1)[0]?.trim().toLowerCase();
  return first === "https";
}
