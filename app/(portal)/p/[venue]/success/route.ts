import { journeyPage, successResponse, successWebsites } from "@/app/(portal)/_portal/journey-pages";
import { portalPath } from "@/app/(portal)/_portal/paths";
import { portalRoute } from "@/app/(portal)/_portal/portal-route";
import { seeOther } from "@/app/(portal)/_portal/respond";
import { db } from "@/lib/db";
import { journeyAccessMinutes } from "@/lib/vouchers/access-minutes";

export const GET = portalRoute(async (request, venueSlug) => {
  const search = new URL(request.url).searchParams;
  const page = await journeyPage(request, venueSlug, search.get("j"), search.get("lang"));
  if ("response" in page) return page.response;
  const { journey, frame } = page;
  if (journey.status !== "COMPLETED" || !journey.loginMethod) {
    return seeOther(journey.status === "IDENTIFIED" ? portalPath(venueSlug, "consent", { j: journey.token }) : portalPath(venueSlug, ""));
  }
  const { guestId, completedAt } = journey;
  const websites = await successWebsites(request, journey.venueId, venueSlug, async () =>
    guestId && completedAt ? { journeyId: journey.id, guestId, venueId: journey.venueId, completedAt } : null,
  );
  const minutes = await journeyAccessMinutes(db, journey.token, journey.loginMethod);
  return successResponse(frame, { token: journey.token, locale: journey.locale, loginMethod: journey.loginMethod, originalUrl: journey.originalUrl, minutes }, false, undefined, websites);
});
