import { journeyPage } from "@/app/(portal)/_portal/journey-pages";
import { successPage } from "@/app/(portal)/_portal/pages";
import { portalPath, withLang } from "@/app/(portal)/_portal/paths";
import { portalRoute } from "@/app/(portal)/_portal/portal-route";
import { htmlResponse, seeOther } from "@/app/(portal)/_portal/respond";
import { accessMinutesByMethod } from "@/lib/journeys";

export const GET = portalRoute(async (request, venueSlug) => {
  const search = new URL(request.url).searchParams;
  const page = await journeyPage(request, venueSlug, search.get("j"), search.get("lang"));
  if ("response" in page) return page.response;
  const { journey, frame } = page;
  if (journey.status !== "COMPLETED") return seeOther(portalPath(venueSlug, journey.status === "IDENTIFIED" ? "consent" : "", journey.status === "IDENTIFIED" ? { j: journey.token } : {}));
  return htmlResponse(
    successPage(frame, {
      minutes: accessMinutesByMethod[journey.loginMethod ?? "EMAIL"],
      continueHref: journey.originalUrl,
      hrefInLocale: (locale) => portalPath(venueSlug, "success", withLang(`j=${journey.token}`, locale)),
    }),
  );
});
