// A venue's IdP addresses. The entity ID is the metadata's own URL, so one address tells a
// website's admin everything. The origin is NEXTAUTH_URL when set (Portico's public address),
// else the one the request was addressed to: the same rule as the staff area's splash URLs.
import { env } from "@/lib/env";
import { requestOrigin } from "@/lib/http/same-origin";

export interface IdpUrls {
  entityId: string;
  metadataUrl: string;
  ssoUrl: string;
  continueUrl: string;
}

export function idpOrigin(requestHeaders: Headers): string {
  return env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).origin : requestOrigin(requestHeaders);
}

export function idpBasePath(venueSlug: string): string {
  return `/api/saml/idp/${encodeURIComponent(venueSlug)}`;
}

export function idpUrls(origin: string, venueSlug: string): IdpUrls {
  const base = `${origin}${idpBasePath(venueSlug)}`;
  return { entityId: `${base}/metadata`, metadataUrl: `${base}/metadata`, ssoUrl: `${base}/sso`, continueUrl: `${base}/continue` };
}
