import { loadPortalFrame, pageLocale, venueFrame } from "@/app/(portal)/_portal/frame";
import { consentResponse, journeyPage, journeyProblemResponse, successResponse, successWebsites } from "@/app/(portal)/_portal/journey-pages";
import { portalPath } from "@/app/(portal)/_portal/paths";
import { portalRoute, readGuestForm, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { seeOther } from "@/app/(portal)/_portal/respond";
import { bindDevice } from "@/app/(portal)/_portal/welcome-back-pages";
import { db } from "@/lib/db";
import { isDomainError, isPortalErrorCode } from "@/lib/errors";
import { requestContextOf } from "@/lib/http/request-context";
import { completeJourney } from "@/lib/journeys";
import { grantAccess } from "@/lib/network/access";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { identifyByJourneyToken } from "@/lib/saml/idp";
import { journeyAccessMinutes } from "@/lib/vouchers/access-minutes";

/** Submitting more ids than any venue shows is tampering; the schema refuses it, this bounds the work. */
const maxIds = 51;

export const GET = portalRoute(async (request, venueSlug) => {
  const search = new URL(request.url).searchParams;
  const page = await journeyPage(request, venueSlug, search.get("j"), search.get("lang"));
  if ("response" in page) return page.response;
  const { journey, frame } = page;
  if (journey.status === "COMPLETED") return seeOther(portalPath(venueSlug, "success", { j: journey.token, lang: search.get("lang") ?? undefined }));
  if (journey.status !== "IDENTIFIED") return seeOther(portalPath(venueSlug, ""));
  return consentResponse(frame, journey.token);
});

/**
 * The guest's decisions. Recorded, the answer is the success page itself (one round trip
 * fewer on a congested network; sending the form again only finds the journey done). Refused,
 * the same page comes back with the reason — and with the boxes the guest ticked still ticked,
 * since those remain the guest's own choice (never ticked for them on a first view).
 */
export const POST = portalRoute(async (request, venueSlug) => {
  const form = await readGuestForm(request, venueSlug);
  if (form instanceof Response) return form;
  const token = form.get("j");
  // The page's language, which the form carries: what the guest read and decided on.
  const lang = form.get("lang");
  const submission = {
    termsAccepted: form.get("termsAccepted") === "yes",
    granted: form.getAll("granted").slice(0, maxIds),
    shown: form.getAll("shown").slice(0, maxIds),
  };

  let refusal: "termsRequired" | "consentWordingChanged" | "consentSubmissionInvalid";
  try {
    const result = await completeJourney(db, { venueSlug, token, submission, locale: lang, ...requestContextOf(request.headers) });
    if (result.status === "completed") {
      // Identity and consent are committed: now the gateway is told, before any page is sent,
      // since a phone may close this window the moment it is online. A grant address the browser
      // must open is reached from the success page (a redirect of this post to another origin
      // would break the page's form-action policy).
      const successUrl = new URL(portalPath(venueSlug, "success", { j: result.journey.token }), request.url).toString();
      const grant = await grantAccess(db, { venueSlug, token: result.journey.token, continueUrl: successUrl }, { secrets: gatewaySecretStore() });
      const websites = await successWebsites(request, result.venue.id, venueSlug, () => identifyByJourneyToken(db, venueSlug, result.journey.token));
      const minutes = await journeyAccessMinutes(db, result.journey.token, result.journey.loginMethod);
      const success = successResponse(await venueFrame(result.venue, result.journey.locale), { ...result.journey, minutes }, true, grant?.outcome, websites);
      // The device-bound secret a later visit is recognised by (welcome back on only).
      return bindDevice(success, request, result.venue.id, venueSlug, result.journey.token);
    }
    refusal = result.fieldErrors.termsAccepted ? "termsRequired" : "consentSubmissionInvalid";
  } catch (error) {
    if (!isDomainError(error) || !isPortalErrorCode(error.code)) throw error;
    if (error.code !== "consentWordingChanged" && error.code !== "consentSubmissionInvalid") {
      const frame = await loadPortalFrame(venueSlug, pageLocale(request, lang));
      return frame ? journeyProblemResponse(frame, error.code, token) : venueNotFoundResponse(request);
    }
    refusal = error.code;
  }

  const page = await journeyPage(request, venueSlug, token, lang);
  if ("response" in page) return page.response;
  const { journey } = page;
  if (journey.status === "COMPLETED") return seeOther(portalPath(venueSlug, "success", { j: journey.token, lang: lang ?? undefined }));
  const { t } = page.frame;
  if (refusal === "consentWordingChanged") {
    // New words: the guest reads them and chooses again, from unticked boxes.
    return consentResponse(page.frame, journey.token, { notice: t("errors.consentWordingChanged") }, 409);
  }
  const kept = { ticked: new Set(submission.granted), termsTicked: submission.termsAccepted };
  return refusal === "termsRequired"
    ? consentResponse(page.frame, journey.token, { ...kept, termsError: t("errors.termsRequired") }, 422)
    : consentResponse(page.frame, journey.token, { ...kept, formError: t("errors.consentSubmissionInvalid") }, 422);
});
