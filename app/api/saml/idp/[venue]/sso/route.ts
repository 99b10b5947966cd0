import { portalRoute } from "@/app/(portal)/_portal/portal-route";
import { db } from "@/lib/db";
import { answerWebsite, checkAuthnRequest, guestUnknown, identifyBySession, idpOrigin, idpUrls, readGuestSessionCookie } from "@/lib/saml/idp";

import { postToWebsiteResponse, refusalResponse, websiteFrame } from "../_pages/website-pages";

/**
 * SP-initiated SSO, HTTP-Redirect binding: the website sends the guest here with an
 * AuthnRequest. The guest is known only by the session cookie the success page set; without
 * it they are asked to complete the WiFi sign-in first (docs/SAML-IDP.md).
 */
export const GET = portalRoute(async (request, venueSlug) => {
  const frame = await websiteFrame(request, venueSlug);
  if (frame instanceof Response) return frame;
  const venueId = frame.venue.id;
  const urls = idpUrls(idpOrigin(request.headers), venueSlug);
  const checked = await checkAuthnRequest(db, venueId, urls, new URL(request.url).search);
  if ("kind" in checked) return refusalResponse(frame, checked);
  const guest = await identifyBySession(db, venueId, readGuestSessionCookie(request.headers.get("cookie")));
  if (!guest) return refusalResponse(frame, guestUnknown(venueId, checked.website));
  const answer = await answerWebsite(db, { urls, website: checked.website, guest, inResponseTo: checked.request.id, relayState: checked.request.relayState });
  return answer.kind === "post" ? postToWebsiteResponse(frame, answer) : refusalResponse(frame, answer);
});
