import "server-only";

import type { PortalFormState } from "@/components/portal/form-state";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestOrigin } from "@/lib/http/same-origin";

import type { PortalFrame } from "./frame";
import { loyaltyPage, splashPage } from "./pages";
import { portalPath, withLang } from "./paths";
import { voucherPage } from "./voucher-page";
import { htmlResponse } from "./respond";

/** The gateway's query string travels with the guest until a login writes the journey; bounded. */
export const maxGatewayQueryLength = 8192;

export interface LoginPageState {
  /** The gateway's query string, as it came to the splash. */
  gateway: string;
  /** The language the guest picked, when they used the switcher (and the venue offers it). */
  lang?: string;
  form?: PortalFormState;
  /** Why the guest is back on the splash (a website sign-in that did not work out). */
  notice?: string;
}

function links(venue: PortalFrame["venue"], state: LoginPageState) {
  const venueSlug = venue.slug;
  const carried = state.lang ? withLang(state.gateway, state.lang) : state.gateway;
  return {
    action: portalPath(venueSlug, "login"),
    loyaltyHref: portalPath(venueSlug, "loyalty", carried),
    emailHref: portalPath(venueSlug, "", carried),
    voucherHref: venue.vouchersEnabled ? portalPath(venueSlug, "voucher", carried) : null,
  };
}

/** The splash (email quick access) or the loyalty form, each with its own address for the language links. */
function loginPageResponse(page: "" | "loyalty" | "voucher", frame: PortalFrame, state: LoginPageState, status: number, website?: { name: string; href: string; splashUrl: string } | null): Response {
  const venueSlug = frame.venue.slug;
  const input = {
    ...links(frame.venue, state),
    gateway: state.gateway,
    lang: state.lang,
    state: state.form,
    hrefInLocale: (locale: string) => portalPath(venueSlug, page, withLang(state.gateway, locale)),
    website,
    notice: state.notice,
  };
  return htmlResponse(page === "" ? splashPage(frame, input) : page === "voucher" ? voucherPage(frame, input) : loyaltyPage(frame, input), status);
}

/**
 * The venue website's sign-in on the splash, when the venue has it on: one indexed read.
 * Its link carries the gateway's query (`g`) and the language to the SP login route.
 */
async function websiteSignIn(request: Request | null, frame: PortalFrame, state: LoginPageState) {
  // Raw: every splash reads it (docs/TESTING.md, bench:journeys).
  const [idp] = await db.$queryRaw<{ enabled: boolean; displayName: string }[]>`
    SELECT enabled, display_name AS "displayName" FROM saml_idp WHERE venue_id = ${frame.venue.id}::uuid`;
  if (!idp?.enabled) return null;
  const query = new URLSearchParams({ ...(state.gateway ? { g: state.gateway } : {}), lang: state.lang ?? frame.locale });
  const splashPath = portalPath(frame.venue.slug, "", state.gateway);
  const origin = env.NEXTAUTH_URL?.replace(/\/+$/, "") ?? (request ? requestOrigin(request.headers) : "");
  return { name: idp.displayName, href: `/api/saml/sp/${encodeURIComponent(frame.venue.slug)}/login?${query}`, splashUrl: `${origin}${splashPath}` };
}

export async function splashResponse(frame: PortalFrame, state: LoginPageState, status = 200, request: Request | null = null): Promise<Response> {
  return loginPageResponse("", frame, state, status, await websiteSignIn(request, frame, state));
}

export function loyaltyResponse(frame: PortalFrame, state: LoginPageState, status = 200): Response {
  return loginPageResponse("loyalty", frame, state, status);
}

/** The access-code form; like the splash, it writes nothing. */
export function voucherResponse(frame: PortalFrame, state: LoginPageState, status = 200): Response {
  return loginPageResponse("voucher", frame, state, status);
}

/** The language the guest picked, if the venue offers it. */
export function pickedLanguage(frame: PortalFrame, requested: string | null): string | undefined {
  return requested && frame.venue.locales.includes(requested) ? requested : undefined;
}
