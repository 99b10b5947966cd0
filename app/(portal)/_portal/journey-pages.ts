import "server-only";

import { db } from "@/lib/db";
import { isDomainError, isPortalErrorCode, type PortalErrorCode } from "@/lib/errors";
import type { Venue } from "@/lib/generated/prisma/client";
import { loadJourney, restartQuery, type JourneyWithVenue } from "@/lib/journeys";
import type { CompletedJourney } from "@/lib/journeys/complete-journey";
import type { GrantOutcome } from "@/lib/network/gateway-adapter";
import { liveConsentWording } from "@/lib/portal-content";
import { requestOrigin } from "@/lib/http/same-origin";
import { guestSessionHeader, guestSessionValue, idpBasePath, venueHasWebsites, websitesForGuest, type IdentifiedGuest } from "@/lib/saml/idp";

import { loadPortalFrame, pageLocale, venueFrame, type PortalFrame } from "./frame";
import { consentPage, successPage, type ConsentPageInput } from "./pages";
import { portalPath, withLang } from "./paths";
import { problemResponse, venueNotFoundResponse } from "./portal-route";
import { guestPagePolicy, htmlResponse } from "./respond";

/** The HTTP status a page answers with when the journey cannot go on. */
const problemStatus: Partial<Record<PortalErrorCode, number>> = {
  journeyNotFound: 404,
  journeyExpired: 410,
  journeyNotIdentified: 409,
  consentNotConfigured: 503,
};

export type JourneyPage = { journey: JourneyWithVenue; frame: PortalFrame } | { response: Response };

/** The language a journey's page is read in: the guest's pick on the switcher, else the journey's. */
function journeyLocale(venue: Venue, journeyLocale: string, requested: string | null): string {
  return requested && venue.locales.includes(requested) ? requested : journeyLocale;
}

/**
 * The journey a page is for, with its frame in the language the guest reads; or the page that
 * explains why it cannot go on, with a "start again" link that keeps the gateway's parameters.
 */
export async function journeyPage(request: Request, venueSlug: string, token: string | null, requestedLang: string | null): Promise<JourneyPage> {
  try {
    const journey = await loadJourney(db, venueSlug, token);
    return { journey, frame: await venueFrame(journey.venue, journeyLocale(journey.venue, journey.locale, requestedLang)) };
  } catch (error) {
    if (!isDomainError(error) || !isPortalErrorCode(error.code)) throw error;
    const frame = await loadPortalFrame(venueSlug, pageLocale(request, requestedLang));
    if (!frame) return { response: venueNotFoundResponse(request) };
    return { response: await journeyProblemResponse(frame, error.code, token) };
  }
}

export async function journeyProblemResponse(frame: PortalFrame, code: PortalErrorCode, token: string | null): Promise<Response> {
  const restart = await restartQuery(db, token);
  return problemResponse(
    frame,
    { message: frame.t(`errors.${code}`), restartHref: portalPath(frame.venue.slug, "", restart) },
    problemStatus[code] ?? 400,
  );
}

const consentAddress = (venueSlug: string, token: string, lang?: string) => portalPath(venueSlug, "consent", lang ? withLang(`j=${token}`, lang) : `j=${token}`);

/**
 * The consent page for a journey, with the wording live now in the page's language. `answers`
 * marks a page sent in answer to the login post: it gives the page its own address.
 */
export async function consentResponse(
  frame: PortalFrame,
  token: string,
  input: Pick<ConsentPageInput, "notice" | "formError" | "termsError" | "ticked" | "termsTicked"> & { answersPost?: boolean } = {},
  status = 200,
): Promise<Response> {
  const venueSlug = frame.venue.slug;
  try {
    const wording = await liveConsentWording(db, frame.venue, frame.locale);
    return htmlResponse(
      consentPage(frame, {
        ...input,
        action: portalPath(venueSlug, "consent"),
        token,
        wording,
        hrefInLocale: (locale) => consentAddress(venueSlug, token, locale),
        location: input.answersPost ? consentAddress(venueSlug, token) : undefined,
      }),
      status,
    );
  } catch (error) {
    if (isDomainError(error, "consentNotConfigured")) return journeyProblemResponse(frame, "consentNotConfigured", null);
    throw error;
  }
}

/**
 * The success page of a completed journey; `answersPost` as for the consent page. `grant` is
 * what the gateway needs from the browser, if anything (lib/network/access.ts).
 */
export function successResponse(frame: PortalFrame, journey: CompletedJourney & { minutes: number }, answersPost = false, grant?: GrantOutcome, websites?: SuccessWebsites | null): Response {
  const venueSlug = frame.venue.slug;
  const address = (lang?: string) => portalPath(venueSlug, "success", lang ? withLang(`j=${journey.token}`, lang) : `j=${journey.token}`);
  // A gateway's login form is posted to the gateway itself: the one origin a form may go to besides Portico.
  const formOrigin = grant?.kind === "form" ? new URL(grant.action).origin : null;
  return htmlResponse(
    successPage(frame, {
      minutes: journey.minutes,
      continueHref: journey.originalUrl,
      hrefInLocale: (locale) => address(locale),
      location: answersPost ? address() : undefined,
      gatewayForm: grant?.kind === "form" ? { action: grant.action, fields: grant.fields } : null,
      gatewayRedirect: grant?.kind === "redirect" ? grant.url : null,
      gatewayFailed: grant?.kind === "failed",
      websites: websites ? { action: `${idpBasePath(venueSlug)}/continue`, token: journey.token, items: websites.items } : null,
    }),
    200,
    { ...(formOrigin ? { "content-security-policy": guestPagePolicy([formOrigin]) } : {}), ...(websites ? { "set-cookie": websites.setCookie } : {}) },
  );
}

/** The venue websites a guest may continue to from the success page, and the session cookie that lets those websites ask for them later. */
export interface SuccessWebsites {
  items: { id: string; name: string }[];
  setCookie: string;
}

/**
 * For the success page: the registered websites this guest's consent covers (none: no
 * buttons and no cookie). A venue with no website registered costs one indexed query.
 */
export async function successWebsites(request: Request, venueId: string, venueSlug: string, identify: () => Promise<IdentifiedGuest | null>): Promise<SuccessWebsites | null> {
  if (!(await venueHasWebsites(db, venueId))) return null;
  const guest = await identify();
  if (!guest) return null;
  const websites = await websitesForGuest(db, venueId, guest.guestId);
  if (websites.length === 0) return null;
  const secure = requestOrigin(request.headers).startsWith("https:");
  return { items: websites.map((w) => ({ id: w.id, name: w.name })), setCookie: guestSessionHeader(venueSlug, guestSessionValue(guest), secure) };
}
