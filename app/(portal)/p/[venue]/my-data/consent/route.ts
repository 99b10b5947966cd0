import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { choicesResponse, myDataProblemResponse } from "@/app/(portal)/_portal/my-data-pages";
import { myDataPath, myDataSession } from "@/app/(portal)/_portal/my-data-session";
import { portalRoute, readGuestForm, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { seeOther } from "@/app/(portal)/_portal/respond";
import { db } from "@/lib/db";
import { requestContextOf } from "@/lib/http/request-context";
import { changeSelfServiceConsent, consentChangeSchema, guestConsentChoices } from "@/lib/rights/self-service";

/** One withdrawal or one renewed consent, then back to the choices with what happened. */
export const POST = portalRoute(async (request, venueSlug) => {
  const form = await readGuestForm(request, venueSlug);
  if (form instanceof Response) return form;
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, null));
  if (!frame) return venueNotFoundResponse(request);
  const session = await myDataSession(request, frame.venue.id);
  if (!session) return myDataProblemResponse(frame, frame.t("myData.sessionEnded"), 403);
  const input = Object.fromEntries(["granted", "purposeId", "consentTextId", "agree"].flatMap((key) => (form.has(key) ? [[key, form.get(key)]] : [])));
  const parsed = consentChangeSchema.safeParse(input);
  if (!parsed.success) {
    // The one mistake a guest can make here: "agree again" without ticking the box.
    const purposeId = typeof input.purposeId === "string" ? input.purposeId : "";
    if (input.granted === "true" && purposeId) {
      return choicesResponse(frame, { venues: await guestConsentChoices(db, session.guestId, frame.locale), grantError: { purposeId, message: frame.t("myData.tickToGrant") } }, 400);
    }
    return seeOther(myDataPath(venueSlug, "choices", { done: "refused" }));
  }
  const { ip, userAgent } = requestContextOf(request.headers);
  const result = await changeSelfServiceConsent(db, session, parsed.data, { ip, userAgent });
  return seeOther(myDataPath(venueSlug, "choices", { done: result.status }));
});
