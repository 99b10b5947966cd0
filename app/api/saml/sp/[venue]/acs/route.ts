import { loadPortalFrame, pageLocale, venueFrame } from "@/app/(portal)/_portal/frame";
import { pickedLanguage, splashResponse } from "@/app/(portal)/_portal/login-pages";
import { consentResponse } from "@/app/(portal)/_portal/journey-pages";
import { portalRoute, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { readBoundedText } from "@/lib/http/read-form";
import { requestContextOf } from "@/lib/http/request-context";
import { consumeSamlResponse, spEndpoints, spOrigin, type SamlFailureReason } from "@/lib/saml/sp";
import { maxResponseLength } from "@/lib/saml/sp/consume-response";

/** Which sentence a refusal shows the guest (lib/i18n/messages: portal.saml.*). */
const guestMessage: Partial<Record<SamlFailureReason, "saml.cancelled" | "saml.noEmail" | "saml.expired" | "saml.unavailable">> = {
  cancelled: "saml.cancelled",
  noEmail: "saml.noEmail",
  unknownRelayState: "saml.expired",
  requestExpired: "saml.expired",
  requestUsed: "saml.expired",
  replayed: "saml.expired",
  disabled: "saml.unavailable",
};

/**
 * The assertion consumer service (HTTP-POST binding). The website's identity provider posts
 * here from its own origin, so there is no same-origin check: the response's signature,
 * audience, destination, InResponseTo and relay state are what is trusted (lib/saml/sp). The
 * answer is the consent page, as after the email login; a refusal is the splash again with a
 * sentence saying what happened.
 */
export const POST = portalRoute(async (request, venueSlug) => {
  let frame = await loadPortalFrame(venueSlug, pageLocale(request, null));
  if (!frame) return venueNotFoundResponse(request);
  const body = await readBoundedText(request, maxResponseLength + 4096);
  const form = new URLSearchParams(body === "tooLarge" ? "" : body);
  const { ip, userAgent } = requestContextOf(request.headers);
  const result = await consumeSamlResponse(db, {
    venue: frame.venue,
    endpoints: spEndpoints(spOrigin(request), venueSlug),
    form: { SAMLResponse: form.get("SAMLResponse"), RelayState: form.get("RelayState") },
    ip,
    userAgent,
    ttlMinutes: env.JOURNEY_TTL_MINUTES,
  });
  const locale = result.locale && frame.venue.locales.includes(result.locale) ? result.locale : frame.locale;
  if (locale !== frame.locale) frame = await venueFrame(frame.venue, locale);
  if (result.status === "identified") return consentResponse(frame, result.token, { answersPost: true });
  const website = (await db.samlIdp.findUnique({ where: { venueId: frame.venue.id }, select: { displayName: true } }))?.displayName ?? "";
  const notice = frame.t(guestMessage[result.reason] ?? "saml.failed", { website });
  return splashResponse(frame, { gateway: result.gatewayQuery, lang: pickedLanguage(frame, result.locale), notice }, 400, request);
});
