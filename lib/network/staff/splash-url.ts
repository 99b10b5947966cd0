/**
 * The address a controller sends guests to: the venue's portal, naming the gateway so the
 * login reads the redirect with the right adapter (lib/network/access.ts). `base` is where
 * guests reach Portico (NEXTAUTH_URL, else the address staff used); a path on it is kept.
 */
export function gatewaySplashUrl(base: string, venueSlug: string, gatewaySlug: string): string {
  const url = new URL(`p/${encodeURIComponent(venueSlug)}`, base.endsWith("/") ? base : `${base}/`);
  url.searchParams.set("gw", gatewaySlug);
  return url.toString();
}
