import { consentResponse, journeyPage, journeyProblemResponse } from "@/app/(portal)/_portal/journey-pages";
import { portalPath } from "@/app/(portal)/_portal/paths";
import { portalRoute, readGuestForm } from "@/app/(portal)/_portal/portal-route";
import { seeOther } from "@/app/(portal)/_portal/respond";
import { db } from "@/lib/db";
import { isDomainError, isPortalErrorCode } from "@/lib/errors";
import { requestContextOf } from "@/lib/http/request-context";
import { completeJourney } from "@/lib/journeys";

/** Submitting more ids than any venue shows is tampering; the schema refuses it, this bounds the work. */
const maxIds = 51;

export const GET = portalRoute(async (request, venueSlug) => {
  const search = new URL(request.url).searchParams;
  const page = await journeyPage(request, venueSlug, search.get("j"), search.get("lang"));
  if ("response" in page) return page.response;
  const { journey, frame } = page;
  if (journey.status === "COMPLETED") return seeOther(portalPath(venueSlug, "success", { j: journey.token, lang: search.get("lang") ?? undefined }));
  if (journey.status !== "IDENTIFIED") return seeOther(portalPath(venueSlug, ""));
  return consentResponse(frame, journey);
});

/**
 * The guest's decisions. Recorded, they lead to the success page; refused, the same page comes
 * back with the reason — and with the boxes the guest ticked still ticked, since those remain
 * the guest's own choice (never ticked for them on a first view).
 */
export const POST = portalRoute(async (request, venueSlug) => {
  const form = await readGuestForm(request, venueSlug);
  if (form instanceof Response) return form;
  const token = form.get("j");
  const lang = form.get("lang");
  const submission = {
    termsAccepted: form.get("termsAccepted") === "yes",
    granted: form.getAll("granted").slice(0, maxIds),
    shown: form.getAll("shown").slice(0, maxIds),
  };

  let refusal: "termsRequired" | "consentWordingChanged" | "consentSubmissionInvalid";
  try {
    const result = await completeJourney(db, { venueSlug, token, submission, locale: lang, ...requestContextOf(request.headers) });
    if (result.status === "completed") return seeOther(portalPath(venueSlug, "success", { j: token ?? "", lang: lang ?? undefined }));
    refusal = result.fieldErrors.termsAccepted ? "termsRequired" : "consentSubmissionInvalid";
  } catch (error) {
    if (!isDomainError(error) || !isPortalErrorCode(error.code)) throw error;
    if (error.code !== "consentWordingChanged" && error.code !== "consentSubmissionInvalid") {
      const page = await journeyPage(request, venueSlug, token, lang);
      return "response" in page ? page.response : journeyProblemResponse(page.frame, error.code, token);
    }
    refusal = error.code;
  }

  const page = await journeyPage(request, venueSlug, token, lang);
  if ("response" in page) return page.response;
  const { journey, frame } = page;
  if (journey.status === "COMPLETED") return seeOther(portalPath(venueSlug, "success", { j: journey.token, lang: lang ?? undefined }));
  const { t } = frame;
  if (refusal === "consentWordingChanged") {
    // New words: the guest reads them and chooses again, from unticked boxes.
    return consentResponse(frame, journey, { notice: t("errors.consentWordingChanged") }, 409);
  }
  const kept = { ticked: new Set(submission.granted), termsTicked: submission.termsAccepted };
  return refusal === "termsRequired"
    ? consentResponse(frame, journey, { ...kept, termsError: t("errors.termsRequired") }, 422)
    : consentResponse(frame, journey, { ...kept, formError: t("errors.consentSubmissionInvalid") }, 422);
});
