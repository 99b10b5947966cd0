import "server-only";

import type { PortalFormState } from "@/components/portal/form-state";

import type { PortalFrame } from "./frame";
import { loyaltyPage, splashPage } from "./pages";
import { portalPath, withLang } from "./paths";
import { htmlResponse } from "./respond";

/** The gateway's query string travels with the guest until a login writes the journey; bounded. */
export const maxGatewayQueryLength = 8192;

export interface LoginPageState {
  /** The gateway's query string, as it came to the splash. */
  gateway: string;
  /** The language the guest picked, when they used the switcher (and the venue offers it). */
  lang?: string;
  form?: PortalFormState;
}

function links(venueSlug: string, state: LoginPageState) {
  const carried = state.lang ? withLang(state.gateway, state.lang) : state.gateway;
  return {
    action: portalPath(venueSlug, "login"),
    loyaltyHref: portalPath(venueSlug, "loyalty", carried),
    emailHref: portalPath(venueSlug, "", carried),
  };
}

/** The splash (email quick access) or the loyalty form, each with its own address for the language links. */
function loginPageResponse(page: "" | "loyalty", frame: PortalFrame, state: LoginPageState, status: number): Response {
  const venueSlug = frame.venue.slug;
  const input = {
    ...links(venueSlug, state),
    gateway: state.gateway,
    lang: state.lang,
    state: state.form,
    hrefInLocale: (locale: string) => portalPath(venueSlug, page, withLang(state.gateway, locale)),
  };
  return htmlResponse(page === "" ? splashPage(frame, input) : loyaltyPage(frame, input), status);
}

export function splashResponse(frame: PortalFrame, state: LoginPageState, status = 200): Response {
  return loginPageResponse("", frame, state, status);
}

export function loyaltyResponse(frame: PortalFrame, state: LoginPageState, status = 200): Response {
  return loginPageResponse("loyalty", frame, state, status);
}

/** The language the guest picked, if the venue offers it. */
export function pickedLanguage(frame: PortalFrame, requested: string | null): string | undefined {
  return requested && frame.venue.locales.includes(requested) ? requested : undefined;
}
