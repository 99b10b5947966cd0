// The headers every response carries, whichever server path sends it: next.config.ts applies
// them to what Next serves, and Portico's own server to the guest pages it serves itself
// (lib/runtime/guest-routes.ts). One list, so the two can never drift apart.
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
 * The policy, with the one exception a page may need: a gateway's login form (MikroTik, Cisco,
 * Aruba, Meraki sign-on) that the success page has the browser post to the gateway itself.
 */
export function contentSecurityPolicy(formActionOrigins: readonly string[] = []): string {
  return `frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action ${["'self'", ...formActionOrigins].join(" ")}`;
}
