import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { successResponse } from "@/app/(portal)/_portal/journey-pages";
import { maxGatewayQueryLength, pickedLanguage, splashResponse } from "@/app/(portal)/_portal/login-pages";
import { portalPath } from "@/app/(portal)/_portal/paths";
import { portalRoute, readGuestForm, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { seeOther } from "@/app/(portal)/_portal/respond";
import { bindDevice, forgetDevice, recogniseAtSplash, welcomeBackResponse } from "@/app/(portal)/_portal/welcome-back-pages";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isDomainError } from "@/lib/errors";
import { requestContextOf } from "@/lib/http/request-context";
import { grantAccess } from "@/lib/network/access";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { connectReturningGuest, consentToAskAgain } from "@/lib/welcome-back/connect";
import { journeyAccessMinutes } from "@/lib/vouchers/access-minutes";

/** More boxes than any venue shows is tampering. */
const maxIds = 51;

/**
 * The one-tap page's two forms. "connect": the device is recognised again (nothing from the
 * form names the guest), the visit recorded as a completed journey records it, the gateway
 * told, and the answer is the success page. "forget" ("Not you?"): the device binding is
 * dropped and the answer is the normal splash.
 */
export const POST = portalRoute(async (request, venueSlug) => {
  const form = await readGuestForm(request, venueSlug);
  if (form instanceof Response) return form;
  const requestedLang = form.get("lang");
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, requestedLang));
  if (!frame) return venueNotFoundResponse(request);
  const gateway = (form.get("gateway") ?? "").slice(0, maxGatewayQueryLength);
  const splashState = { gateway, lang: pickedLanguage(frame, requestedLang) };
  if (form.get("intent") === "forget") return forgetDevice(await splashResponse(frame, splashState, 200, request), request, venueSlug);

  const returning = await recogniseAtSplash(request, frame, gateway);
  // No longer recognised (the setting was turned off, the cookie dropped): the normal journey.
  if (!returning) return splashResponse(frame, splashState, 200, request);
  const submission = {
    termsAccepted: form.get("termsAccepted") === "yes",
    granted: form.getAll("granted").slice(0, maxIds),
    shown: form.getAll("shown").slice(0, maxIds),
  };
  const { ip, userAgent } = requestContextOf(request.headers);
  const again = async (extra: { notice?: string; termsError?: string }, status: number) => {
    const { toAsk } = await consentToAskAgain(db, frame.venue, returning.recognition.guestId, frame.locale);
    return welcomeBackResponse(frame, { gateway, recognition: returning.recognition, askAgain: toAsk, ...extra }, status);
  };
  try {
    const result = await connectReturningGuest(db, {
      venue: frame.venue,
      recognition: returning.recognition,
      gateway: returning.gatewayParams,
      network: returning.network,
      submission,
      locale: frame.locale,
      ip,
      userAgent,
      acceptLanguage: request.headers.get("accept-language"),
      ttlMinutes: env.JOURNEY_TTL_MINUTES,
      via: "one-tap",
    });
    if (result.status === "termsRequired") return again({ termsError: frame.t("errors.termsRequired") }, 422);
    const successUrl = new URL(portalPath(venueSlug, "success", { j: result.token }), request.url).toString();
    const grant = await grantAccess(db, { venueSlug, token: result.token, continueUrl: successUrl }, { secrets: gatewaySecretStore() });
    const loginMethod = returning.recognition.loginMethod;
    const journey = { token: result.token, locale: frame.locale, loginMethod, originalUrl: returning.network.originalUrl, minutes: await journeyAccessMinutes(db, result.token, loginMethod) };
    return bindDevice(successResponse(frame, journey, true, grant?.outcome), request, frame.venue.id, venueSlug, result.token);
  } catch (error) {
    if (isDomainError(error, "consentWordingChanged") || isDomainError(error, "consentSubmissionInvalid")) {
      return again({ notice: frame.t("errors.consentWordingChanged") }, 409);
    }
    throw error;
  }
});

/** Nothing to show at this address by itself: back to the splash. */
export const GET = portalRoute(async (request, venueSlug) => seeOther(portalPath(venueSlug, "", new URL(request.url).search.slice(1))));
