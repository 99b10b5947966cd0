import { portalRoute, readGuestForm } from "@/app/(portal)/_portal/portal-route";
import { db } from "@/lib/db";
import { requestOrigin } from "@/lib/http/same-origin";
import {
  answerWebsite,
  findWebsite,
  guestSessionHeader,
  guestSessionValue,
  guestUnknown,
  identifyByJourneyToken,
  idpOrigin,
  idpUrls,
} from "@/lib/saml/idp";
import { continueSchema } from "@/lib/saml/idp/schemas";

import { postToWebsiteResponse, refusalResponse, websiteFrame } from "../_pages/website-pages";

/**
 * IdP-initiated SSO: the success page's "Continue to <website>" form, carrying the journey
 * token. Answers with the response on its way to the website, and sets the guest session
 * cookie so the website can later start a sign-in itself in this browser.
 */
export const POST = portalRoute(async (request, venueSlug) => {
  const form = await readGuestForm(request, venueSlug);
  if (form instanceof Response) return form;
  const frame = await websiteFrame(request, venueSlug);
  if (frame instanceof Response) return frame;
  const venueId = frame.venue.id;
  const parsed = continueSchema.safeParse({ j: form.get("j"), sp: form.get("sp") });
  const guest = parsed.success ? await identifyByJourneyToken(db, venueSlug, parsed.data.j) : null;
  if (!parsed.success || !guest) return refusalResponse(frame, guestUnknown(venueId, null));
  const website = await findWebsite(db, venueId, { id: parsed.data.sp });
  if (!website) return refusalResponse(frame, { kind: "refused", reason: "unknownServiceProvider", website: null });
  const answer = await answerWebsite(db, { urls: idpUrls(idpOrigin(request.headers), venueSlug), website, guest, inResponseTo: null, relayState: null });
  if (answer.kind !== "post") return refusalResponse(frame, answer);
  const secure = requestOrigin(request.headers).startsWith("https:");
  return postToWebsiteResponse(frame, answer, { "set-cookie": guestSessionHeader(venueSlug, guestSessionValue(guest), secure) });
});
