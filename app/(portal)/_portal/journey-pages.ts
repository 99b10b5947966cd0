import "server-only";

import { getPublishedConsentWording } from "@/lib/consent";
import { db } from "@/lib/db";
import { isDomainError, isPortalErrorCode, type PortalErrorCode } from "@/lib/errors";
import { loadJourney, restartQuery, type JourneyWithVenue } from "@/lib/journeys";

import { loadPortalFrame, pageLocale, type PortalFrame } from "./frame";
import { consentPage, type ConsentPageInput } from "./pages";
import { portalPath, withLang } from "./paths";
import { problemResponse, venueNotFoundResponse } from "./portal-route";
import { htmlResponse } from "./respond";

/** The HTTP status a page answers with when the journey cannot go on. */
const problemStatus: Partial<Record<PortalErrorCode, number>> = {
  journeyNotFound: 404,
  journeyExpired: 410,
  journeyNotIdentified: 409,
  consentNotConfigured: 503,
};

export type JourneyPage = { journey: JourneyWithVenue; frame: PortalFrame } | { response: Response };

/**
 * The journey a page is for, with its frame in the language the guest reads (their pick on
 * the switcher, else the journey's); or the page that explains why it cannot go on, with a
 * "start again" link that keeps the gateway's parameters.
 */
export async function journeyPage(request: Request, venueSlug: string, token: string | null, requestedLang: string | null): Promise<JourneyPage> {
  try {
    const journey = await loadJourney(db, venueSlug, token);
    const frame = await loadPortalFrame(venueSlug, (venue) => (requestedLang && venue.locales.includes(requestedLang) ? requestedLang : journey.locale));
    if (!frame) return { response: venueNotFoundResponse(request) };
    return { journey, frame };
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

/** The consent page for a journey, with the wording live now in the page's language. */
export async function consentResponse(
  frame: PortalFrame,
  journey: JourneyWithVenue,
  input: Pick<ConsentPageInput, "notice" | "formError" | "termsError" | "ticked" | "termsTicked"> = {},
  status = 200,
): Promise<Response> {
  const venueSlug = frame.venue.slug;
  try {
    const wording = await getPublishedConsentWording(db, journey.venue, frame.locale);
    return htmlResponse(
      consentPage(frame, {
        ...input,
        action: portalPath(venueSlug, "consent"),
        token: journey.token,
        wording,
        hrefInLocale: (locale) => portalPath(venueSlug, "consent", withLang(`j=${journey.token}`, locale)),
      }),
      status,
    );
  } catch (error) {
    if (isDomainError(error, "consentNotConfigured")) return journeyProblemResponse(frame, "consentNotConfigured", null);
    throw error;
  }
}
